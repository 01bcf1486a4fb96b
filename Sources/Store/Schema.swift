import GRDB

/// The database schema as an ordered list of migrations.
///
/// Each migration sets `PRAGMA user_version` to its number, so that a database written by a newer
/// Easel (a higher number than ``Schema/version``) is recognised and refused before anything is changed.
enum Schema {
    /// One named step of the schema. Append new steps at the end with a distinct identifier (module-prefixed
    /// when another area owns it: `v4-scorer-…`); never change or reorder a step that has shipped.
    struct Migration: Sendable {
        /// The name recorded in `grdb_migrations` once applied.
        var identifier: String
        /// The schema change, run inside the opening transaction.
        var apply: @Sendable (Database) throws -> Void
    }

    /// Every migration in order; `migrations[n - 1]` brings a database to version `n`.
    static let migrations: [Migration] = [
        Migration(identifier: "v1-core") { db in
            try createCore(db)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        },
        Migration(identifier: "v2-calibration") { db in try createCalibration(db) },
        Migration(identifier: "v3-store-artwork-lifecycle") { db in try addArtworkLifecycle(db) },
        Migration(identifier: critiquePartsMigration) { db in try addCritiqueParts(db) },
        Migration(identifier: studentExternalIDMigration) { db in try addStudentExternalID(db) },
    ]

    /// The schema version this build writes: the number of migrations.
    static let version = migrations.count

    /// `PRAGMA application_id` of an Easel database ("EASL").
    static let applicationID: Int32 = 0x4541_534C

    /// The migration identifiers in order; `identifiers[n - 1]` brings a database to version `n`.
    static let identifiers = migrations.map(\.identifier)

    /// The migrations as a GRDB migrator (each one also sets `PRAGMA user_version` to its number), for tests
    /// that build an older database. ``StoreOpening`` applies them itself, all in one transaction.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (index, migration) in migrations.enumerated() {
            migrator.registerMigration(migration.identifier) { db in
                try migration.apply(db)
                try db.execute(sql: "PRAGMA user_version = \(index + 1)")
            }
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

    /// Artworks can be hidden (removed, recoverably) and each assessment records the image content it was
    /// made from, so a replaced picture never shows beside scores of the old one.
    private static func addArtworkLifecycle(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE artwork ADD COLUMN hidden_at DATETIME;
                ALTER TABLE assessment ADD COLUMN image_sha256 TEXT;
                UPDATE assessment SET image_sha256 = (SELECT sha256 FROM artwork WHERE artwork.id = assessment.artwork_id);
                CREATE INDEX artwork_class_visible ON artwork(class_id, hidden_at);
                """)
    }
}
