import GRDB

/// The database schema as an ordered list of migrations.
///
/// Each migration sets `PRAGMA user_version` to its number, so that a database written by a newer
/// Easel (a higher number than ``Schema/version``) is recognised and refused before anything is changed.
enum Schema {
    /// The schema version this build writes: the number of migrations.
    static let version = identifiers.count

    /// `PRAGMA application_id` of an Easel database ("EASL").
    static let applicationID: Int32 = 0x4541_534C

    /// The migration identifiers in order; `identifiers[n - 1]` brings a database to version `n`.
    static let identifiers = ["v1-core", "v2-calibration", studentExternalIDMigration]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(identifiers[0]) { db in
            try createCore(db)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        migrator.registerMigration(identifiers[1]) { db in
            try createCalibration(db)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        migrator.registerMigration(studentExternalIDMigration) { db in
            try addStudentExternalID(db)
            try db.execute(sql: "PRAGMA user_version = \(number(of: studentExternalIDMigration))")
        }
        return migrator
    }

    private static let scoreColumns = """
        originality INTEGER NOT NULL CHECK (originality BETWEEN 0 AND 20),
        color INTEGER NOT NULL CHECK (color BETWEEN 0 AND 20),
        texture INTEGER NOT NULL CHECK (texture BETWEEN 0 AND 20),
        composition INTEGER NOT NULL CHECK (composition BETWEEN 0 AND 20),
        content INTEGER NOT NULL CHECK (content BETWEEN 0 AND 20),
        total INTEGER NOT NULL CHECK (total = originality + color + texture + composition + content),
        """

    private static func createCore(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE class (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE student (
                    id INTEGER PRIMARY KEY,
                    class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    UNIQUE (class_id, name)
                );
                CREATE TABLE artwork (
                    id INTEGER PRIMARY KEY,
                    class_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
                    student_id INTEGER REFERENCES student(id) ON DELETE SET NULL,
                    file_path TEXT NOT NULL,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    byte_size INTEGER NOT NULL CHECK (byte_size >= 0),
                    width INTEGER NOT NULL CHECK (width > 0),
                    height INTEGER NOT NULL CHECK (height > 0),
                    title TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    imported_at DATETIME NOT NULL,
                    UNIQUE (class_id, sha256)
                );
                CREATE INDEX artwork_student ON artwork(student_id);
                CREATE TABLE assessment (
                    id INTEGER PRIMARY KEY,
                    artwork_id INTEGER NOT NULL REFERENCES artwork(id) ON DELETE CASCADE,
                    scorer_id TEXT NOT NULL,
                    scorer_version TEXT NOT NULL,
                    \(scoreColumns)
                    critique TEXT NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '[]',
                    duration REAL NOT NULL DEFAULT 0,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX assessment_artwork ON assessment(artwork_id, id);
                CREATE TABLE review (
                    artwork_id INTEGER PRIMARY KEY REFERENCES artwork(id) ON DELETE CASCADE,
                    assessment_id INTEGER REFERENCES assessment(id) ON DELETE SET NULL,
                    \(scoreColumns)
                    critique TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('accepted', 'edited')),
                    reviewed_at DATETIME NOT NULL
                );
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    artwork_id INTEGER,
                    action TEXT NOT NULL,
                    before TEXT,
                    after TEXT,
                    undoes INTEGER REFERENCES audit(id),
                    at DATETIME NOT NULL
                );
                CREATE INDEX audit_artwork ON audit(artwork_id, id);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
    }

    private static func createCalibration(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE calibration (
                    id INTEGER PRIMARY KEY,
                    scorer_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    coefficients TEXT NOT NULL,
                    n INTEGER NOT NULL CHECK (n >= 0),
                    cv_before TEXT NOT NULL DEFAULT '{}',
                    cv_after TEXT NOT NULL DEFAULT '{}',
                    created_at DATETIME NOT NULL,
                    UNIQUE (scorer_id, version)
                );
                """)
    }
}
