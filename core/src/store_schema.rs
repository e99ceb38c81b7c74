//! The tables the payout stores keep (Python's `payoutkit.store`, Node's `payoutkit/worker`):
//! one layout, so that Python and Node workers share a database. The columns are rows; each
//! dialect's statements are written from them (`store_schema("sqlite" | "postgres")`).

use crate::error::{Error, ErrorCode, Result};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A column's type, written per dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    /// `TEXT PRIMARY KEY`.
    Key,
    /// The row id: `INTEGER PRIMARY KEY AUTOINCREMENT` / `BIGSERIAL PRIMARY KEY`.
    Serial,
    Text,
    /// Unix seconds: `REAL` / `DOUBLE PRECISION`.
    Time,
    /// A counter: `INTEGER NOT NULL DEFAULT 0`.
    Count,
    /// Raw bytes: `BLOB` / `BYTEA`.
    Bytes,
}

/// (column, type, NOT NULL).
type Col = (&'static str, Ty, bool);

const PAYOUTS: &[Col] = &[
    ("key", Ty::Key, true),
    ("gateway", Ty::Text, true),
    ("status", Ty::Text, true), // new | active | done
    ("state", Ty::Text, true),  // the flow's saved state (no secret inside)
    ("wake_at", Ty::Time, false),
    ("lease_token", Ty::Text, false),
    ("lease_until", Ty::Time, false),
    ("lease_owner", Ty::Text, false),
    ("outcome_kind", Ty::Text, false),
    ("outcome", Ty::Text, false),
    ("creates_sent", Ty::Count, true),
    ("steps", Ty::Count, true),
    ("errors", Ty::Count, true),
    ("last_error", Ty::Text, false),
    ("created_at", Ty::Time, true),
    ("updated_at", Ty::Time, true),
];

const CALLBACKS: &[Col] = &[
    ("id", Ty::Serial, true),
    ("payout_key", Ty::Text, false),
    ("gateway", Ty::Text, true),
    ("verdict", Ty::Text, true),
    ("body", Ty::Bytes, true),
    ("body_sha256", Ty::Text, true),
    ("received_at", Ty::Time, true),
    ("not_before", Ty::Time, true),
    ("delivered_at", Ty::Time, false),
    ("attempts", Ty::Count, true),
    ("note", Ty::Text, false),
];

fn column(&(name, ty, not_null): &Col, pg: bool) -> String {
    let key = matches!(ty, Ty::Key | Ty::Serial);
    let default = if ty == Ty::Count { " DEFAULT 0" } else { "" };
    let ty = match (ty, pg) {
        (Ty::Key, _) => "TEXT PRIMARY KEY",
        (Ty::Serial, false) => "INTEGER PRIMARY KEY AUTOINCREMENT",
        (Ty::Serial, true) => "BIGSERIAL PRIMARY KEY",
        (Ty::Text, _) => "TEXT",
        (Ty::Time, false) => "REAL",
        (Ty::Time, true) => "DOUBLE PRECISION",
        (Ty::Count, _) => "INTEGER",
        (Ty::Bytes, false) => "BLOB",
        (Ty::Bytes, true) => "BYTEA",
    };
    // A primary key is NOT NULL already.
    let not_null = if not_null && !key { " NOT NULL" } else { "" };
    format!("{name} {ty}{not_null}{default}")
}

fn table(name: &str, cols: &[Col], pg: bool) -> String {
    let cols: Vec<String> = cols.iter().map(|c| column(c, pg)).collect();
    format!("CREATE TABLE IF NOT EXISTS {name} (\n    {}\n)", cols.join(",\n    "))
}

/// The statements that create the stores' tables and indexes (each `IF NOT EXISTS`), for
/// `"sqlite"` or `"postgres"`; `invalid_argument` naming `dialect` for anything else.
pub fn statements(dialect: &str) -> Result<Vec<String>> {
    let pg = match dialect {
        "sqlite" => false,
        "postgres" | "postgresql" => true,
        _ => return Err(Error::field(ErrorCode::InvalidArgument, "dialect", "\"sqlite\" or \"postgres\"")),
    };
    // Due payouts: SQLite scans (status, wake_at); PostgreSQL keeps only unfinished rows.
    let due = if pg { "(wake_at) WHERE status <> 'done'" } else { "(status, wake_at)" };
    Ok(alloc::vec![
        table("payoutkit_payouts", PAYOUTS, pg),
        format!("CREATE INDEX IF NOT EXISTS payoutkit_payouts_due ON payoutkit_payouts {due}"),
        table("payoutkit_callbacks", CALLBACKS, pg),
        String::from("CREATE INDEX IF NOT EXISTS payoutkit_callbacks_inbox ON payoutkit_callbacks (payout_key, delivered_at)"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dialects() {
        let pg = statements("postgres").unwrap();
        let lite = statements("sqlite").unwrap();
        assert_eq!((pg.len(), lite.len()), (4, 4));
        assert!(pg[0].contains("wake_at DOUBLE PRECISION,") && lite[0].contains("wake_at REAL,"));
        assert!(pg[0].contains("creates_sent INTEGER NOT NULL DEFAULT 0"));
        assert!(pg[2].contains("id BIGSERIAL PRIMARY KEY,") && lite[2].contains("id INTEGER PRIMARY KEY AUTOINCREMENT,"));
        assert!(pg[2].contains("body BYTEA NOT NULL") && lite[2].contains("body BLOB NOT NULL"));
        assert!(pg[0].contains("key TEXT PRIMARY KEY,") && !pg[0].contains("PRIMARY KEY NOT NULL"));
        assert!(statements("mysql").is_err());
    }
}
