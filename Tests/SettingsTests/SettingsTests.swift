import Foundation
import Settings
import Testing

@Suite struct TOMLDocumentTests {
    @Test("tables, keys and values with their line numbers; strings with escapes; comments ignored")
    func reading() throws {
        let text = """
            # top comment
            name = "x"   # trailing
            [review]
            theme = "light # not a comment"
            count = 1_000
            on = true
            escaped = "a\\"b\\\\c\\u00e9"
            """
        let document = try TOMLDocument(parsing: text, file: "c.toml")
        #expect(document.entry("", "name") == TOMLEntry(value: .string("x"), line: 2))
        #expect(document.entry("review", "theme")?.value == .string("light # not a comment"))
        #expect(document.entry("review", "count") == TOMLEntry(value: .integer(1000), line: 5))
        #expect(document.entry("review", "on")?.value == .boolean(true))
        #expect(document.entry("review", "escaped")?.value == .string("a\"b\\cé"))
        #expect(document.tableLines["review"] == 3)
    }

    @Test("each mistake is one line naming the file and line number")
    func errors() {
        let cases: [(String, Int, String)] = [
            ("[review\n", 1, "a table header looks like [name]"),
            ("a = 1\n\nb\n", 3, "expected key = value"),
            ("[x]\na = 1\na = 2\n", 3, "key 'a' appears twice"),
            ("[x]\n[x]\n", 2, "table [x] appears twice"),
            ("a = yes\n", 1, "expected a \"string\", a number, true or false, got 'yes'"),
            ("a = \"b\\q\"\n", 1, "unknown escape in string"),
            ("[my table]\n", 1, "'my table' is not a valid table name"),
        ]
        for (text, line, message) in cases {
            #expect(throws: SettingsError.syntax(file: "c.toml", line: line, message: message), "\(text)") {
                try TOMLDocument(parsing: text, file: "c.toml")
            }
        }
        #expect(
            SettingsError.syntax(file: "c.toml", line: 3, message: "expected key = value").description
                == "c.toml:3: expected key = value")
    }

    @Test("setting a key rewrites only its line, keeping comments, order, other tables and unknown keys")
    func writingBack() throws {
        let text = """
            # Easel settings (mine)
            [review]
              theme = "light"   # I like it light
            graphics = "blocks"

            [remote]
            url = "https://school.example/v1"  # not Easel's yet
            [vlm]
            model = "/m/a.gguf"
            """
        var document = try TOMLDocument(parsing: text, file: "c.toml")
        #expect(document.text == text + "\n", "unchanged documents come back byte for byte")
        document.set("review", "theme", .string("dark"))
        document.set("review", "graphics", .string("blocks"))
        document.set("review", "scorer", .string("vlm"))
        document.set("vlm", "model", nil)
        document.set("vlm", "max_pixels", .integer(50176))
        document.set("new", "flag", .boolean(false))
        #expect(
            document.text == """
                # Easel settings (mine)
                [review]
                  theme = "dark"   # I like it light
                graphics = "blocks"
                scorer = "vlm"

                [remote]
                url = "https://school.example/v1"  # not Easel's yet
                [vlm]
                max_pixels = 50176

                [new]
                flag = false

                """)
        let reread = try TOMLDocument(parsing: document.text, file: "c.toml")
        #expect(reread.entry("review", "theme")?.value == .string("dark"))
        #expect(reread.entry("remote", "url")?.value == .string("https://school.example/v1"))
    }

    @Test("strings with quotes, backslashes, newlines and control characters survive a write and a read")
    func stringRoundTrip() throws {
        var document = TOMLDocument(file: "c.toml")
        let odd = "C:\\Art \"2024\"\n\tsecond\u{1B}[31m é 山"
        document.set("vlm", "model", .string(odd))
        let reread = try TOMLDocument(parsing: document.text, file: "c.toml")
        #expect(reread.entry("vlm", "model")?.value == .string(odd))
        #expect(!document.text.contains("\u{1B}"), "control characters are escaped in the file")
    }
}

@Suite struct EaselSettingsTests {
    @Test("[review] sets theme, graphics, scorer and accept_moves_on; mistakes name the file and line")
    func review() throws {
        let settings = try EaselSettings(
            parsing: "# mine\n[review]\ntheme = \"light\"\ngraphics = \"blocks\"\nscorer = \"none\"\n"
                + "accept_moves_on = true\n\n[other]\nx = 1\n",
            path: "config.toml")
        #expect(
            try settings.table(ReviewSettings.self)
                == ReviewSettings(theme: "light", graphics: "blocks", scorer: "none", acceptMovesOn: true))
        let mistakes: [(String, Int, String)] = [
            ("[review]\ngraphics = \"kitty\"\n", 2, "graphics must be auto, sixel, blocks or none, not 'kitty'"),
            ("[review]\n\ntheme = 3\n", 3, "review.theme must be a \"string\""),
            ("[review]\nscorer = \"gpt\"\n", 2, "scorer must be builtin, vlm, remote or none, not 'gpt'"),
            (
                "[review]\ncolour = \"red\"\n", 2,
                "unknown key review.colour; use theme, graphics, scorer or accept_moves_on"
            ),
            ("[vlm]\nmax_pixels = \"lots\"\n", 2, "vlm.max_pixels must be a whole number"),
        ]
        for (text, line, message) in mistakes {
            let parsed = try EaselSettings(parsing: text, path: "config.toml")
            #expect(throws: SettingsError.syntax(file: "config.toml", line: line, message: message), "\(text)") {
                _ = try parsed.table(ReviewSettings.self)
                _ = try parsed.table(VLMSettings.self)
            }
        }
    }

    @Test("[vlm] reads the files and the size cap, including the quoted number older versions wrote")
    func vlm() throws {
        let text =
            "[review]\nscorer = \"vlm\"\n\n[vlm]\nmodel = \"/m/t.gguf\"\nmmproj = \"/m/v.gguf\"\n"
            + "max_pixels = \"200704\"\n"
        let settings = try EaselSettings(parsing: text, path: "config.toml")
        #expect(try settings.table(ReviewSettings.self) == ReviewSettings(scorer: "vlm"))
        #expect(
            try settings.table(VLMSettings.self)
                == VLMSettings(model: "/m/t.gguf", mmproj: "/m/v.gguf", maxPixels: 200_704))
    }

    @Test("the file's location: $EASEL_CONFIG, else $XDG_CONFIG_HOME, else ~/.config")
    func location() {
        #expect(
            EaselSettings.defaultPath(environment: ["EASEL_CONFIG": "/c/e.toml", "XDG_CONFIG_HOME": "/x"])
                == "/c/e.toml")
        #expect(EaselSettings.defaultPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/easel/config.toml")
        #expect(EaselSettings.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/easel/config.toml")
    }

    @Test("load, change a table and save: the comments and the unknown table are still there; a missing file is empty")
    func saveKeepsTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "easel-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("easel/config.toml").path
        var settings = try EaselSettings.load(path: path)
        #expect(try settings.table(VLMSettings.self) == VLMSettings())
        settings.set(VLMSettings(model: "/m/a.gguf", mmproj: "/m/b.gguf"))
        try settings.save()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "[vlm]\nmodel = \"/m/a.gguf\"\nmmproj = \"/m/b.gguf\"\n")
        text = "# keep me\n" + text + "\n[remote]\nurl = \"http://x\" # mine\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        settings = try EaselSettings.load(path: path)
        var vlm = try settings.table(VLMSettings.self)
        vlm.head = "/m/h.gguf"
        vlm.maxPixels = 50176
        settings.set(vlm)
        settings.set(ReviewSettings(theme: "dark"))
        try settings.save()
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            saved == """
                # keep me
                [vlm]
                model = "/m/a.gguf"
                mmproj = "/m/b.gguf"
                head = "/m/h.gguf"
                max_pixels = 50176

                [remote]
                url = "http://x" # mine

                [review]
                theme = "dark"

                """)
    }

    @Test("a file that is not UTF-8 is one clear line")
    func unreadable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("easel-\(UUID().uuidString).toml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
        #expect(throws: SettingsError.unreadable(file: path, reason: "not UTF-8 text")) {
            try EaselSettings.load(path: path)
        }
    }
}
