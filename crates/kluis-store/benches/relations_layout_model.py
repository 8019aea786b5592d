#!/usr/bin/env python3
"""A model of the relations tables' physical layout on SQLite, to weigh layout changes before making them.

Loads N generated relations (the import benchmark's six fields and cardinalities: ten given names, eight family
names, unique e-mails and phones, 234,000 postcodes, a city without blind index) in transactions of --batch rows
with --cache MiB of page cache, into one of three layouts, and prints the time and the file size:

  current  today's tables and indexes (migrations/sqlite: relations, relation_values)
  merged   blind indexes in their own WITHOUT ROWID table, fed through a small one merged in key order
           every --merge-every rows (relation_values without its blind-index index)
  compact  integer ids for organisation, relation and field, WITHOUT ROWID values, 16-byte binary blind
           indexes, partial indexes

It is a model, not Kluis: values are random bytes of the size of a sealed value, and Python's own cost is in the
times, so compare layouts by their ratio on the same machine.

    python3 crates/kluis-store/benches/relations_layout_model.py --layout current --rows 1000000
"""
import argparse
import hashlib
import os
import sqlite3
import tempfile
import time
import uuid

FIELDS = ["given_name", "family_name", "email", "phone", "postcode", "city"]


def field_key(k, j):
    """The value a row's field k holds, as an integer: the benchmark file's cardinalities."""
    return [j % 10, (j // 7) % 8, j, j, (j % 9000) * 1000 + j % 676, 0][k]


def blind(k, j, binary):
    if k == 5:
        return None
    h = hashlib.md5(f"{FIELDS[k]}{field_key(k, j)}".encode())
    return h.digest() if binary else h.hexdigest()


def relation_id(base, j):
    return "%012x-7%03x-8000-%012x" % (base + j // 4096, j % 4096, j)


def schema(c, layout):
    if layout == "compact":
        c.execute("CREATE TABLE orgs (n INTEGER PRIMARY KEY, id TEXT UNIQUE)")
        c.execute(
            "CREATE TABLE relations (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org INTEGER NOT NULL, "
            "party INTEGER NOT NULL, kind INTEGER NOT NULL, company INTEGER, version INTEGER NOT NULL, "
            "created_by TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)"
        )
        indexes = [
            "relations_org_created ON relations(org, created_at)",
            "relations_org_company ON relations(org, company) WHERE company IS NOT NULL",
            "relations_org_kind ON relations(org, kind, party)",
        ]
        c.execute(
            "CREATE TABLE relation_values (relation INTEGER NOT NULL, field INTEGER NOT NULL, org INTEGER NOT NULL, "
            "value_enc BLOB NOT NULL, value_index BLOB, PRIMARY KEY (relation, field)) WITHOUT ROWID"
        )
        indexes += [
            "relation_values_field ON relation_values(org, field, relation)",
            "relation_values_index ON relation_values(org, value_index) WHERE value_index IS NOT NULL",
        ]
    else:
        c.execute("CREATE TABLE orgs (id TEXT PRIMARY KEY)")
        c.execute(
            "CREATE TABLE relations (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE "
            "CASCADE, party TEXT NOT NULL, kind TEXT NOT NULL, company_id TEXT, version INTEGER NOT NULL, "
            "created_by TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)"
        )
        indexes = [
            "relations_org_created ON relations(org_id, created_at, id)",
            "relations_org_company ON relations(org_id, company_id)",
            "relations_org_id ON relations(org_id, id)",
            "relations_org_kind_id ON relations(org_id, kind, id)",
            "relations_org_kind ON relations(org_id, kind, party, id)",
        ]
        c.execute(
            "CREATE TABLE relation_values (org_id TEXT NOT NULL, relation_id TEXT NOT NULL, field TEXT NOT NULL, "
            "value_enc BLOB NOT NULL, value_index TEXT, PRIMARY KEY (relation_id, field))"
        )
        indexes += [
            "relation_values_org ON relation_values(org_id, relation_id)",
            "relation_values_field ON relation_values(org_id, field, relation_id)",
        ]
        if layout == "current":
            indexes.append("relation_values_index ON relation_values(org_id, value_index)")
        else:
            for table in ["relation_value_keys", "relation_value_keys_recent"]:
                c.execute(
                    f"CREATE TABLE {table} (org_id TEXT NOT NULL, value_index TEXT NOT NULL, relation_id TEXT "
                    "NOT NULL, field TEXT NOT NULL, PRIMARY KEY (org_id, value_index, relation_id, field)) "
                    "WITHOUT ROWID"
                )
    for index in indexes:
        c.execute("CREATE INDEX " + index)


def batch_rows(layout, org, base, start, end):
    relations, values, keys = [], [], []
    for j in range(start, end):
        rid = relation_id(base, j)
        if layout == "compact":
            relations.append((j + 1, rid, 1, 1, 1, None, 1, "u", base, base))
        else:
            relations.append((rid, org, "person", "customer", None, 1, "u", base, base))
        for k, field in enumerate(FIELDS):
            index = blind(k, j, layout == "compact")
            if layout == "compact":
                values.append((j + 1, k, 1, os.urandom(60), index))
            else:
                values.append((org, rid, field, os.urandom(60), index))
                if layout == "merged" and index:
                    keys.append((org, index, rid, field))
    return relations, values, sorted(keys)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--layout", choices=["current", "merged", "compact"], default="current")
    p.add_argument("--rows", type=int, default=300_000)
    p.add_argument("--batch", type=int, default=5_000)
    p.add_argument("--cache", type=int, default=32, help="page cache in MiB")
    p.add_argument("--checkpoint", type=int, default=1000, help="wal_autocheckpoint in pages")
    p.add_argument("--merge-every", type=int, default=100_000)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "model.db")
        c = sqlite3.connect(path, isolation_level=None)
        for pragma in [
            "journal_mode = WAL",
            "synchronous = NORMAL",
            "secure_delete = ON",
            "temp_store = MEMORY",
            f"cache_size = -{a.cache * 1024}",
            f"wal_autocheckpoint = {a.checkpoint}",
        ]:
            c.execute("PRAGMA " + pragma)
        schema(c, a.layout)
        org = str(uuid.uuid4())
        c.execute("INSERT INTO orgs VALUES (1, ?)" if a.layout == "compact" else "INSERT INTO orgs VALUES (?)", (org,))
        width = 10 if a.layout == "compact" else 9
        t0, base, done, longest_merge = time.time(), int(time.time() * 1000), 0, 0.0
        while done < a.rows:
            n = min(a.batch, a.rows - done)
            relations, values, keys = batch_rows(a.layout, org, base, done, done + n)
            c.execute("BEGIN")
            c.executemany(f"INSERT INTO relations VALUES ({', '.join('?' * width)})", relations)
            c.executemany("INSERT INTO relation_values VALUES (?, ?, ?, ?, ?)", values)
            if keys:
                c.executemany("INSERT INTO relation_value_keys_recent VALUES (?, ?, ?, ?)", keys)
            c.execute("COMMIT")
            done += n
            if a.layout == "merged" and (done % a.merge_every == 0 or done >= a.rows):
                t1 = time.time()
                c.execute("BEGIN")
                c.execute("INSERT INTO relation_value_keys SELECT * FROM relation_value_keys_recent")
                c.execute("DELETE FROM relation_value_keys_recent")
                c.execute("COMMIT")
                longest_merge = max(longest_merge, time.time() - t1)
        elapsed = time.time() - t0
        size = os.path.getsize(path) // 2**20
        c.close()
    print(
        f"{a.layout}: {a.rows} rows, {a.batch} per transaction, {a.cache} MiB cache: {elapsed:.1f} s, "
        f"{size} MB" + (f", longest merge {longest_merge:.2f} s" if a.layout == "merged" else "")
    )


if __name__ == "__main__":
    main()
