import ClassImport
import EaselTestSupport
import Foundation
import Rubric
import Store
import Testing

/// Terminal escapes a hostile file name, class.csv field, critique or model output could carry.
enum Zoo {
    /// The file name of defect 4: clears the screen and writes the clipboard (OSC 52, BEL-terminated).
    static let clip = "\u{1B}[2J\u{1B}]52;c;aGk=\u{07} clip.png"
    /// The other image names: an OSC 8 link (ST-terminated), 8-bit CSI, a bidi override, DCS/APC/PM/SOS.
    static let names = [
        clip, "\u{1B}]8;;mailto:x@evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\ art.png",
        "\u{9B}31m c1 \u{9D}0;t\u{9C}.png",
        "evil\u{202E}gnp.png", "\u{1B}Pq#0~\u{1B}\\\u{1B}_G\u{1B}\\\u{1B}^p\u{1B}\\\u{1B}Xs\u{1B}\\ dcs.png",
        "\u{2066}iso\u{2069}\u{202A}\u{202D} bidi.png", "Zoé 山水 🎨 \u{7}\u{8}\u{7F}.png", "plain1.png", "plain2.png",
        "plain3.png", "plain4.png",
    ]
    /// Every kind in one text, with words people write around it.
    static let text =
        "Zoé 山水 🎨👩‍🎨 \u{1B}[2J \u{1B}[31mred\u{1B}[0m \u{1B}]52;c;aGk=\u{07} \u{1B}]52;c;aGk=\u{1B}\\ "
        + "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\ \u{1B}]0;pwned\u{07} \u{1B}Pq#0~\u{1B}\\ "
        + "\u{1B}_Gf=1\u{1B}\\ \u{1B}^pm\u{1B}\\ \u{1B}Xsos\u{1B}\\ \u{9B}2J \u{9D}52;c;aGk=\u{9C} \u{90}q\u{9C} "
        + "a\u{85}b \u{1}\u{7}\u{8}\u{B}\u{C}\u{E}\u{7F} evil\u{202E}gnp \u{202A}\u{202B}\u{202C}\u{202D} "
        + "\u{2066}\u{2067}\u{2068}\u{2069} \u{200E}\u{200F}\u{61C} fin"
    /// A class name with a title change and a bidi override.
    static let className = "7B \u{1B}]0;owned\u{07}\u{202E}"

    /// Scalars that must never reach a terminal from data.
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x09: false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The forbidden scalars in `text` as U+XXXX (empty when clean).
    static func leaks(_ text: String) -> [String] {
        text.unicodeScalars.filter(forbidden).map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }
}

/// Defect 4 and the escape zoo: every `easel` command, fed files, class.csv rows, descriptions, critiques
/// and names full of terminal escapes, prints none of them (stdout and stderr, success and error paths).
@Suite(.serialized) final class EscapeZooCLITests {
    let root: String
    var db: String { path("zoo.sqlite") }

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-zoo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// A class folder: the zoo's images, a file that is no picture, a file not named like one, and a
    /// class.csv whose students, titles and descriptions carry the zoo.
    func makeZooFolder(_ folder: String) throws {
        let made = try SyntheticImages.writeFolder(folder, count: Zoo.names.count, width: 48, height: 36, format: .png)
        var csv = "file,student,title,description\n"
        for (i, (old, name)) in zip(made, Zoo.names).enumerated() {
            try FileManager.default.moveItem(
                atPath: (folder as NSString).appendingPathComponent(old),
                toPath: (folder as NSString).appendingPathComponent(name))
            csv +=
                "\(Self.quoted(name)),\(Self.quoted("Student \(i) \(Zoo.text)")),\(Self.quoted("Title \(Zoo.text)")),"
            csv += "\(Self.quoted("Description \(i)\n\(Zoo.text)"))\n"
        }
        try csv.write(
            toFile: (folder as NSString).appendingPathComponent("class.csv"), atomically: true, encoding: .utf8)
        try Data("not a picture".utf8).write(
            to: URL(
                fileURLWithPath: (folder as NSString).appendingPathComponent("\u{1B}[31mbroken\u{1B}]0;x\u{07}.png")))
        try Data("notes".utf8).write(
            to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("\u{1B}]52;c;aGk=\u{07}notes.txt")))
    }

    static func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Runs easel and records any forbidden scalar in what it printed.
    @discardableResult
    func run(_ label: String, _ arguments: [String], checkStdout: Bool = true, _ leaks: inout [String]) throws
        -> EaselBinary.Output
    {
        let output = try EaselBinary.run(arguments)
        let printed = (checkStdout ? output.stdout : "") + output.stderr
        let found = Zoo.leaks(printed)
        if !found.isEmpty {
            leaks.append("\(label): \(Set(found).sorted()) in \(printed.debugDescription.prefix(400))")
        }
        return output
    }

    /// A GGUF file with no tensors whose name and architecture carry the zoo.
    static func zooGGUF() -> Data {
        var data = Data("GGUF".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func string(_ s: String) {
            u64(UInt64(s.utf8.count))
            data.append(contentsOf: Array(s.utf8))
        }
        u32(3)
        u64(0)
        u64(2)
        string("general.architecture")
        u32(8)
        string("qwen2\u{1B}[2J")
        string("general.name")
        u32(8)
        string(Zoo.text)
        return data
    }

    @Test("every command, on success and error paths, prints the zoo inert: no ESC, C1 or bidi control")
    func everyCommand() throws {
        let folder = path("zoo-class")
        try makeZooFolder(folder)
        let db = ["--db", self.db]
        let cls = ["--class", Zoo.className]
        var leaks: [String] = []

        // import (with --verbose), twice (the second reports unchanged), and the class.csv errors.
        let imported = try run("import --verbose", ["import", folder, "--verbose"] + cls + db, &leaks)
        #expect(imported.status == 1, "the broken file fails: \(imported.stderr)")
        #expect(imported.stdout.contains("␛[2J␛]52;c;aGk=␇ clip.png"), "names stay readable: \(imported.stdout)")
        #expect(imported.stderr.contains("␛[31mbroken␛]0;x␇.png: "), "\(imported.stderr)")
        try run("import again", ["import", folder, "-v"] + cls + db, &leaks)
        for (label, rows) in [
            ("class.csv path", "file,student\n\"sub/\(Zoo.clip)\",\(Self.quoted(Zoo.text))\n"),
            ("class.csv twice", "file,student\n\(Self.quoted(Zoo.clip)),a\n\(Self.quoted(Zoo.clip)),b\n"),
            ("class.csv header", "\(Self.quoted(Zoo.text)),student\nx.png,a\n"),
        ] {
            let bad = path("bad-\(leaks.count)-\(UUID().uuidString.prefix(4))")
            try SyntheticImages.writeFolder(bad, count: 1, width: 8, height: 8, format: .png)
            try FileManager.default.moveItem(
                atPath: (bad as NSString).appendingPathComponent("art0001.png"),
                toPath: (bad as NSString).appendingPathComponent(Zoo.clip))
            try rows.write(
                toFile: (bad as NSString).appendingPathComponent("class.csv"), atomically: true, encoding: .utf8)
            let output = try run(label, ["import", bad, "--class", "csv errors"] + db, &leaks)
            #expect(output.status != 0, "\(label): \(output.stderr)")
        }

        // The teacher's reviews carry the zoo in their critiques (what the review screen would save).
        let store = try Store(path: self.db)
        let record = try store.requireClass(Zoo.className)
        try run("grade", ["grade"] + cls + db, &leaks)
        try run("grade (all graded)", ["grade"] + cls + db, &leaks)
        for (i, artwork) in try store.artworks(classID: record.id).enumerated() {
            try store.saveReview(
                artworkID: artwork.id, scores: Scores(clamping: [Double(10 + i % 5), 12, 9, 14, 11]),
                critique: "Critique \(i): \(Zoo.text)\nSecond line \u{1B}[2J")
        }
        try run("classes", ["classes"] + db, &leaks)
        try run("status", ["status"] + cls + db, &leaks)
        try run("grade --force", ["grade", "--force"] + cls + db, &leaks)
        try run("calibrate", ["calibrate"] + cls + db, &leaks)
        try run("calibrate --all", ["calibrate", "--all"] + db, &leaks)

        // Exports: the files keep their own escaping; the terminal output (stderr, and a terminal stdout
        // in `ttyExports`) must be clean. A pipe gets the export's exact bytes.
        try run("export csv -o", ["export", "csv", "-o", path("\(Zoo.clip).csv")] + cls + db, &leaks)
        try run("export csv stdout (pipe)", ["export", "csv"] + cls + db, checkStdout: false, &leaks)
        try run("export html -o", ["export", "html", "-o", path("\(Zoo.clip).html")] + cls + db, &leaks)
        try run("export html stdout (pipe)", ["export", "html"] + cls + db, checkStdout: false, &leaks)
        try run("export training", ["export", "training", "-o", path("train \(Zoo.clip)")] + cls + db, &leaks)

        // eval: labels naming a missing zoo image, and a zoo header.
        let labels = path("labels \u{1B}[2J.csv")
        try "file,originality,color,texture,composition,content\n\(Self.quoted(Zoo.clip)),1,2,3,4,5\n".write(
            toFile: labels, atomically: true, encoding: .utf8)
        try run("eval missing image", ["eval", "--test", labels], &leaks)
        try "\(Self.quoted(Zoo.text)),b\n".write(toFile: labels, atomically: true, encoding: .utf8)
        try run("eval bad header", ["eval", "--test", labels], &leaks)
        try run("eval no file", ["eval", "--test", path(Zoo.clip)], &leaks)

        // model info on a GGUF whose metadata is the zoo; model run and info on a missing zoo path.
        let gguf = path("\(Zoo.clip).gguf")
        try Self.zooGGUF().write(to: URL(fileURLWithPath: gguf))
        try run("model info", ["model", "info", gguf], &leaks)
        try run("model info missing", ["model", "info", path("missing \(Zoo.clip).gguf")], &leaks)
        try run("model run missing", ["model", "run", "--model", gguf, "--tokens", "1"], &leaks)

        // Error paths that quote a name or an argument.
        try run("status unknown class", ["status", "--class", Zoo.text] + db, &leaks)
        try run("import missing folder", ["import", path(Zoo.clip), "--class", "x"] + db, &leaks)
        try run(
            "export to missing folder", ["export", "csv", "-o", "/nonexistent \(Zoo.clip)/x.csv"] + cls + db, &leaks)
        try run("unknown subcommand", [Zoo.clip], &leaks)
        try run("unknown option", ["status", Zoo.text], &leaks)
        try run("review without a terminal", ["review"] + cls + db, &leaks)
        try run("demo", ["demo", "--samples", folder, "--class", "demo \(Zoo.text)"] + db, &leaks)
        try run("bad database", ["classes", "--db", labels], &leaks)

        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }

    @Test(
        "on a terminal, exports to stdout and progress lines carry no escape but Easel's own line erase",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script (util-linux)"))
    func ttyOutput() throws {
        let easel = try #require(EaselBinary.path)
        let folder = path("zoo-class")
        try makeZooFolder(folder)
        _ = try EaselBinary.run(["import", folder, "--class", Zoo.className, "--db", db])
        _ = try EaselBinary.run(["grade", "--class", Zoo.className, "--db", db])
        var leaks: [String] = []
        for (label, command) in [
            ("export csv on a terminal", #""$EASEL" export csv --class "$CLASS" --db "$DB""#),
            ("export html on a terminal", #""$EASEL" export html --no-images --class "$CLASS" --db "$DB""#),
            ("grade --force on a terminal", #""$EASEL" grade --force --class "$CLASS" --db "$DB""#),
            ("import -v on a terminal", #""$EASEL" import -v "$FOLDER" --class "$CLASS" --db "$DB""#),
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.environment = [
                "EASEL": easel, "CLASS": Zoo.className, "DB": db, "FOLDER": folder, "SHELL": "/bin/sh",
                "PATH": "/usr/bin:/bin", "TERM": "xterm-256color",
            ]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            #expect(
                text.contains("Student 0") || text.contains("graded") || text.contains("unchanged"), "\(label): \(text)"
            )
            let found = Zoo.leaks(text.replacingOccurrences(of: "\u{1B}[2K", with: ""))
            if !found.isEmpty { leaks.append("\(label): \(Set(found).sorted())") }
        }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
    }
}
