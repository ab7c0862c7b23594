//! Records: every session kept in SQLite on the user's machine (not yet built).
