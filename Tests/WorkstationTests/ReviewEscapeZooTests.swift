import EaselTestSupport
import Foundation
import Imaging
import Rubric
import Store
import Testing

/// The review screen on escape-zoo data (file names, students, titles, descriptions, critiques, class
/// name), driven in tmux: nothing reaches the terminal that it would act on.
@Suite(.serialized) struct ReviewEscapeZooTests {
    static let zoo =
        "Zoé 山水 🎨👩‍🎨 \u{1B}[2J \u{1B}[31mred\u{1B}[0m \u{1B}]52;c;aGk=\u{07} \u{1B}]52;c;aGk=\u{1B}\\ "
        + "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\ \u{1B}]0;pwned\u{07} \u{1B}Pq#0~\u{1B}\\ "
        + "\u{1B}_Gf=1\u{1B}\\ \u{1B}^pm\u{1B}\\ \u{1B}Xsos\u{1B}\\ \u{9B}2J \u{9D}52;c;aGk=\u{9C} \u{90}q\u{9C} "
        + "\u{1}\u{7}\u{8}\u{7F} evil\u{202E}gnp \u{2066}\u{2069} fin"
    static let files = [
        "\u{1B}[2J\u{1B}]52;c;aGk=\u{07} clip.png", "\u{1B}]8;;mailto:x\u{1B}\\l\u{1B}]8;;\u{1B}\\ a.png",
        "\u{9B}31m evil\u{202E}gnp.png",
    ]

    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x09: false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    @Test(
        "browsing, the critique editor, help and the filter show the zoo inert: no control, clipboard, title",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func reviewScreen() throws {
        let binary = try #require(ReviewEndToEndTests.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-zoo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let art = folder.appendingPathComponent("art")
        try FileManager.default.createDirectory(at: art, withIntermediateDirectories: true)
        var csv = "file,student,title,description\n"
        for (i, name) in Self.files.enumerated() {
            var image = RGBImage(width: 64, height: 48)
            for y in 0..<48 { for x in 0..<64 { image[x, y] = (UInt8(x * 4), UInt8(y * 5), UInt8(i * 80)) } }
            try PNGEncoder.encode(image).write(to: art.appendingPathComponent(name))
            func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            csv += "\(q(name)),\(q("Student\(i) \(Self.zoo)")),\(q("Title \(Self.zoo)")),\(q("Desc\n\(Self.zoo)"))\n"
        }
        try csv.write(to: art.appendingPathComponent("class.csv"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("easel.sqlite").path
        let className = "7B \u{1B}]0;owned\u{07}\u{202E}"
        #expect(try ReviewEndToEndTests.run(binary, ["import", art.path, "--class", className, "--db", db]) == 0)
        #expect(try ReviewEndToEndTests.run(binary, ["grade", "--class", className, "--db", db]) == 0)
        let store = try Store(path: db)
        let artworks = try store.artworks(classID: try store.requireClass(className).id)
        try store.saveReview(
            artworkID: artworks[1].id, scores: Scores(clamping: [10, 11, 12, 13, 14]),
            critique: "Teacher: \(Self.zoo)\nline two \u{1B}[2J\u{1B}]52;c;aGk=\u{07}")

        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.run(["new-session", "-d", "-s", "keep", "sleep 100000"])
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.run(["set-option", "-g", "allow-rename", "on"])
        try tmux.run([
            "new-session", "-d", "-s", "app", "-x", "120", "-y", "36",
            "'\(binary.path)' review --class '7B \u{1B}]0;owned\u{07}\u{202E}' --db '\(db)' --graphics blocks "
                + "--scorer none; echo EXITED $?; sleep 60",
        ])
        let titleBefore = try tmux.run(["display-message", "-p", "-t", "app", "#{pane_title}"])
        var screens: [String] = []
        // The screen once its header is drawn again (a loaded machine can be caught between a clear and the redraw);
        // after 30 s without it, the screen as it is, which the checks below then reject.
        let header = "Easel · 7B ␛]0;owned␇\\u{202E}"
        func settled() throws -> String { try tmux.wait(for: header) ?? tmux.screen() }
        let opened = try tmux.wait(for: "Student0 Zo")
        let first = try tmux.screen()
        #expect(opened != nil, "the review opens: \(first)")
        screens.append(try tmux.screen())
        for keys in [["j"], ["j"], ["c"], ["End"], ["Escape"], ["k"], ["?"], ["x"], ["/"], ["Escape"], ["G"], ["C-l"]] {
            try tmux.run(["send-keys", "-t", "app"] + keys)
            usleep(300_000)
            screens.append(try settled())
        }
        try tmux.literal("/")
        try tmux.literal("Student1")
        try tmux.keys("Enter")
        usleep(300_000)
        screens.append(try settled())
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)

        for (i, screen) in screens.enumerated() {
            let leaks = screen.unicodeScalars.filter(Self.forbidden).map { String($0.value, radix: 16) }
            #expect(leaks.isEmpty, "screen \(i) shows \(leaks): \(screen)")
            #expect(screen.contains(header), "screen \(i) was not cleared")
        }
        #expect(screens.joined().contains("␛[2J␛]52;c;aGk=␇ clip.png"), "file names stay readable")
        #expect(screens.joined().contains("Teacher: Zoé 山水"), "the teacher's critique shows")
        #expect(screens.joined().contains("line two ␛[2J␛]52;c;aGk=␇"), "its escapes show inert")
        let buffers = try tmux.run(["list-buffers"])
        #expect(buffers.isEmpty, "OSC 52 reached tmux's clipboard: \(buffers)")
        let titleAfter = try tmux.run(["display-message", "-p", "-t", "app", "#{pane_title}"])
        #expect(titleAfter == titleBefore, "the pane title changed: \(titleBefore) → \(titleAfter)")
        #expect(!titleAfter.contains("owned") && !titleAfter.contains("pwned"))
    }
}
