import Foundation
import TUI
import TerminalGraphics
import Testing

@Suite struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    @Test("every theme in Themes/ parses, sets every role, and includes the four required ones")
    func shippedThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themes.path).filter {
            $0.hasSuffix(".toml")
        }
        #expect(Set(files).isSuperset(of: ["default.toml", "light.toml", "high-contrast.toml", "okabe-ito.toml"]))
        for file in files {
            let name = String(file.dropLast(5))
            let theme = try ThemeLoader.load(name: name, searching: [Self.themes])
            for role in StyleRole.allCases where role != .image {
                #expect(theme.looks[role] != nil, "\(file) sets [\(role.rawValue)]")
            }
        }
        let okabe = try ThemeLoader.load(name: "okabe-ito", searching: [Self.themes])
        #expect(okabe.look(.scoreLow).foreground == ThemeColor(parsing: "#D55E00"))
    }

    @Test("theme errors name the file and the line")
    func errors() {
        #expect(throws: TUIError.syntax(file: "t.toml", line: 3, message: "expected key = value")) {
            try ThemeLoader.parse("[header]\nfg = \"red\"\nbold\n", name: "t", file: "t.toml")
        }
        #expect(
            throws: TUIError.syntax(
                file: "t.toml", line: 2,
                message: "'#12345' is not a colour; use \"default\", a name like \"red\", \"#rrggbb\" or 0–255")
        ) {
            try ThemeLoader.parse("[header]\nfg = \"#12345\"\n", name: "t", file: "t.toml")
        }
        #expect(throws: TUIError.self) { try ThemeLoader.parse("[headr]\n", name: "t", file: "t.toml") }
        #expect(throws: TUIError.syntax(file: "t.toml", line: 2, message: "bold must be true or false")) {
            try ThemeLoader.parse("[dim]\nbold = \"yes\"\n", name: "t", file: "t.toml")
        }
        #expect(throws: TUIError.syntax(file: "t.toml", line: 3, message: "key 'fg' appears twice")) {
            try ThemeLoader.parse("[dim]\nfg = 1\nfg = 2 # again\n", name: "t", file: "t.toml")
        }
    }

    @Test("an unknown theme names the folders searched")
    func unknown() {
        #expect(throws: TUIError.unknownTheme(name: "neon", searched: [Self.themes.path])) {
            try ThemeLoader.load(name: "neon", searching: [Self.themes])
        }
    }

    @Test("NO_COLOR removes colour but keeps attributes; an empty NO_COLOR does not")
    func noColor() throws {
        #expect(Theme.colorDisabled(by: ["NO_COLOR": "1"]))
        #expect(!Theme.colorDisabled(by: ["NO_COLOR": ""]))
        #expect(Theme.colorDisabled(by: ["TERM": "dumb"]))
        let theme = try ThemeLoader.load(name: "default", searching: [Self.themes]).withoutColor
        #expect(!theme.usesColor)
        #expect(theme.look(.header).foreground == .terminalDefault)
        #expect(theme.look(.header).bold)
    }

    @Test("colours degrade to the 256 and 8 colour palettes")
    func colorDepth() throws {
        let orange = try #require(ThemeColor(parsing: "#E69F00"))
        #expect(orange.cursesColor(colors: 256) == 178)
        #expect(orange.cursesColor(colors: 8) == 3)
        #expect(ThemeColor(parsing: "default")?.cursesColor(colors: 256) == -1)
        #expect(ThemeColor(parsing: "bright-blue")?.cursesColor(colors: 8) == 4)
    }
}
