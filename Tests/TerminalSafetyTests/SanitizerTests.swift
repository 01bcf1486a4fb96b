import Testing

@testable import TerminalSafety

@Suite struct SanitizerTests {
    @Test("every specimen of the escape zoo comes out with no control left", arguments: EscapeZoo.specimens)
    func specimen(_ specimen: (name: String, text: String)) {
        for mode in [Sanitizer.Newlines.space, .keep] {
            let clean = Sanitizer.clean(specimen.text, newlines: mode)
            #expect(EscapeZoo.leaks(in: clean).isEmpty, "\(specimen.name): \(clean)")
        }
    }

    @Test("controls stay visible: Control Pictures for C0 and DEL, \\u{…} for C1 and bidirectional controls")
    func shownAs() {
        #expect(Sanitizer.clean("\u{1B}[2J") == "␛[2J")
        #expect(Sanitizer.clean("\u{1B}]52;c;aGk=\u{07}") == "␛]52;c;aGk=␇")
        #expect(Sanitizer.clean("\u{1B}]8;;u\u{1B}\\x") == "␛]8;;u␛\\x")
        #expect(Sanitizer.clean("a\u{00}b\u{7F}") == "a␀b␡")
        #expect(Sanitizer.clean("\u{9B}31m") == "\\u{9B}31m")
        #expect(Sanitizer.clean("evil\u{202E}gnp.exe") == "evil\\u{202E}gnp.exe")
        #expect(Sanitizer.clean("\u{2066}x\u{2069}") == "\\u{2066}x\\u{2069}")
    }

    @Test("accents, CJK, emoji with joiners and variation selectors pass unchanged")
    func keepsText() {
        let text = "Café Zoë Ñandú 山水画 한국어 🎨 👩🏽‍🎨 ❤️ 🇫🇷 e\u{301}"
        #expect(Sanitizer.clean(text) == text)
        #expect(Sanitizer.clean(text, newlines: .keep) == text)
    }

    @Test("line breaks: spaces on one line, one newline each when kept; tabs become spaces")
    func newlines() {
        #expect(Sanitizer.clean("one\r\ntwo\tthree\rfour\nfive\u{2028}six") == "one two three four five six")
        #expect(Sanitizer.clean("one\r\ntwo\rthree\nfour\u{2029}", newlines: .keep) == "one\ntwo\nthree\nfour\n")
    }

    @Test("cleaning is idempotent, so text cleaned twice (screen and console) reads the same")
    func idempotent() {
        let once = Sanitizer.clean(EscapeZoo.all)
        #expect(Sanitizer.clean(once) == once)
        let kept = Sanitizer.clean(EscapeZoo.all, newlines: .keep)
        #expect(Sanitizer.clean(kept, newlines: .keep) == kept)
    }

    @Test("a sequence split across streamed pieces is neutralised piece by piece")
    func streamed() {
        let pieces = ["ok \u{1B}", "]52;c;", "aGk=\u{07} \u{1B}[", "2J done"]
        let joined = pieces.map { Sanitizer.clean($0, newlines: .keep) }.joined()
        #expect(joined == Sanitizer.clean(pieces.joined(), newlines: .keep))
        #expect(EscapeZoo.leaks(in: joined).isEmpty)
    }

    @Test("editors take typed text only")
    func printable() {
        #expect(Sanitizer.isPrintable("é"))
        #expect(Sanitizer.isPrintable("👩‍🎨"))
        #expect(!Sanitizer.isPrintable("\u{1B}"))
        #expect(!Sanitizer.isPrintable("\u{9B}"))
        #expect(!Sanitizer.isPrintable("\u{202E}"))
        #expect(!Sanitizer.isPrintable("\n"))
    }

    @Test("TerminalText cleans every interpolated value, keeps literals, and keeps lines only when asked")
    func terminalText() {
        let name = "Ana\u{1B}[2J\nPérez"
        let line: TerminalText = "student \(name), \(3) works"
        #expect(line.description == "student Ana␛[2J Pérez, 3 works")
        let block: TerminalText = "critique:\n\(lines: "first\u{1B}]0;x\u{07}\nsecond")"
        #expect(block.description == "critique:\nfirst␛]0;x␇\nsecond")
        let nested: TerminalText = "[\(line)]"
        #expect(nested.description == "[student Ana␛[2J Pérez, 3 works]")
        #expect(TerminalText(EscapeZoo.fileName).description.unicodeScalars.allSatisfy { !EscapeZoo.forbidden($0) })
        #expect(TerminalText.lines(["a", "b\(name)"]).description == "a\nbAna␛[2J Pérez")
    }
}
