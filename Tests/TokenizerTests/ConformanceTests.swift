import Foundation
import Testing
import Tokenizer

@Suite struct ConformanceTests {
    @Test(
        "The real Qwen2 vocabulary converts to 151,657 tokens and one merge per multi-byte token",
        .enabled(if: QwenVocabulary.missingReason == nil, "needs ../shared/data/qwen2"))
    func vocabularyShape() throws {
        let vocabulary = try #require(QwenVocabulary.vocabulary)
        #expect(vocabulary.tokens.count == 151_657)
        #expect(vocabulary.tokens[198] == "Ċ")
        #expect(vocabulary.tokens[220] == "Ġ")
        #expect(vocabulary.tokens[151_645] == "<|im_end|>")
        #expect(vocabulary.merges.count == 151_643 - 256)
        #expect(vocabulary.merges.first == "Ġ Ġ")
        let tokenizer = try #require(QwenVocabulary.tokenizer)
        #expect(tokenizer.vocabularySize == 151_657)
        #expect(tokenizer.specialTokenID("<|image_pad|>") == 151_655)
    }

    @Test(
        "All cases of tokenizer-tests.inp give the token ids of tokenizer-tests.out",
        .enabled(if: QwenVocabulary.missingReason == nil, "needs ../shared/data/qwen2"))
    func llamaCppCases() throws {
        let tokenizer = try #require(QwenVocabulary.tokenizer)
        let directory = QwenVocabulary.dataDirectory
        let input = try String(contentsOf: directory.appendingPathComponent("tokenizer-tests.inp"), encoding: .utf8)
        let output = try String(contentsOf: directory.appendingPathComponent("tokenizer-tests.out"), encoding: .utf8)
        let cases = input.components(separatedBy: "\n__ggml_vocab_test__\n")
        let expected = output.components(separatedBy: "\n")
        #expect(cases.count == 47)
        #expect(expected.count == cases.count)
        for (index, (text, line)) in zip(cases, expected).enumerated() {
            let ids = line.split(separator: " ").map { Int($0)! }
            let got = tokenizer.encode(text, parseSpecialTokens: false)
            #expect(got == ids, "case \(index): \(text.debugDescription)")
            #expect(tokenizer.decode(got) == text, "case \(index) round trip")
        }
    }

    @Test(
        "Checked ids: user, assistant, system, newline",
        .enabled(if: QwenVocabulary.missingReason == nil, "needs ../shared/data/qwen2"))
    func knownIDs() throws {
        let tokenizer = try #require(QwenVocabulary.tokenizer)
        #expect(tokenizer.encode("user") == [872])
        #expect(tokenizer.encode("assistant") == [77091])
        #expect(tokenizer.encode("system") == [8948])
        #expect(tokenizer.encode("\n") == [198])
    }

    @Test(
        "decode(encode(x)) == x over accents, CJK, emoji with ZWJ, combining marks, controls and whitespace",
        .enabled(if: QwenVocabulary.missingReason == nil, "needs ../shared/data/qwen2"))
    func roundTrip() throws {
        let tokenizer = try #require(QwenVocabulary.tokenizer)
        let corpus = [
            "Café crème brûlée, naïve façade, Ångström, Øresund, Łódź, Šťastný, İstanbul",
            "中文字符测试：你好，世界！日本語のテキスト、カタカナ。한국어 문장입니다.",
            "👩‍👩‍👧‍👦 family, 👨🏽‍🎨 artist, 🏳️‍🌈 flag, 🇫🇷🇯🇵 flags, ❤️‍🔥, 1️⃣ keycap",
            "e\u{301} a\u{308}\u{304} Z\u{327}\u{30C} क्षत्रिय ﷺ Ꙭ",
            "tabs\tand\u{0B}vertical\u{0C}feeds\r\nCRLF\rCR\u{85}NEL\u{2028}LS\u{00A0}NBSP\u{3000}ideographic",
            "\u{0}\u{1}\u{7F}\u{1B}[31mred\u{1B}[0m\u{200B}zero\u{FEFF}bom",
            "   leading and trailing   \n\n\n  \t ",
            "It's we'RE they'll I'D you've 'tis O'Neil's '' ' s",
            "Numbers 12345, ½ ⅔ ², Ⅻ, ١٢٣ and ๑๒๓",
            "Math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ∮ E⋅da = Q, n → ∞, ∑ f(i) = ∏ g(i)",
            "Ελληνικά, Русский, עברית, العربية, ไทย, ქართული",
            "<|im_start|> looks special but is plain when not parsed <|im_end|>",
        ]
        for text in corpus {
            let ids = tokenizer.encode(text, parseSpecialTokens: false)
            #expect(tokenizer.decode(ids) == text, "\(text.debugDescription)")
            let nfc = text.precomposedStringWithCanonicalMapping
            #expect(Array(tokenizer.decode(ids).utf8) == Array(nfc.utf8), "byte-identical to NFC")
        }
    }

    @Test(
        "Special tokens are recognised in text, longest match first, and can be turned off",
        .enabled(if: QwenVocabulary.missingReason == nil, "needs ../shared/data/qwen2"))
    func specialTokens() throws {
        let tokenizer = try #require(QwenVocabulary.tokenizer)
        let ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|>")
        #expect(ids.first == 151_644)
        #expect(ids.last == 151_645)
        #expect(ids[1...2] == [872, 198])
        let plain = tokenizer.encode("<|im_start|>", parseSpecialTokens: false)
        #expect(!plain.contains(151_644))
        #expect(plain.count > 1)
        #expect(tokenizer.decode(ids, skipSpecialTokens: true) == "user\nhi")
        #expect(tokenizer.isSpecial(151_655))
        #expect(!tokenizer.isSpecial(872))
    }

    @Test(
        "The Qwen2-VL chat template renders and tokenizes with vision tokens",
        .enabled(if: QwenVocabulary.missingReason == nil, "needs ../shared/data/qwen2"))
    func chatTemplate() throws {
        let prompt = ChatTemplate.qwen2VL([ChatMessage(role: .user, parts: [.image, .text("Describe it.")])])
        #expect(
            prompt == "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
                + "<|vision_start|><|image_pad|><|vision_end|>Describe it.<|im_end|>\n<|im_start|>assistant\n")
        let tokenizer = try #require(QwenVocabulary.tokenizer)
        let ids = tokenizer.encode(prompt)
        #expect(Array(ids.prefix(3)) == [151_644, 8948, 198])
        #expect(ids.contains(151_652) && ids.contains(151_655) && ids.contains(151_653))
        #expect(Array(ids.suffix(3)) == [151_644, 77091, 198])
    }
}
