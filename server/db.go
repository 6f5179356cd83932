package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // the embedded default database

	"github.com/hnvt/bairi/ent"
	_ "github.com/hnvt/bairi/ent/runtime" // hooks, policies and defaults
)

// openDatabase opens PostgreSQL through pgx when url is set, else SQLite under dataDir.
func openDatabase(ctx context.Context, url, dataDir string, opts ...ent.Option) (*ent.Client, *sql.DB, string, error) {
	c, db, d, _, err := openDatabasePool(ctx, url, dataDir, opts...)
	return c, db, d, err
}

// The pool's connections: sqlConns for database/sql (ent's statements),
// directConns that database/sql never holds, for the pool's own users
// (River's producer, elector and listener, the sessions' LISTEN, the shared
// rate limits' sync).
const (
	sqlConns    = 16
	directConns = 8
)

// openDatabasePool is openDatabase that also returns the pgx pool (nil for SQLite).
func openDatabasePool(ctx context.Context, url, dataDir string, opts ...ent.Option) (*ent.Client, *sql.DB, string, *pgxpool.Pool, error) {
	if url != "" {
		cfg, err := pgxpool.ParseConfig(url)
		if err != nil {
			return nil, nil, "", nil, fmt.Errorf("DATABASE_URL: %w", err)
		}
		if cfg.MaxConns < sqlConns+directConns {
			cfg.MaxConns = sqlConns + directConns
		}
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			return nil, nil, "", nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
		}
		db := stdlib.OpenDBFromPool(pool)
		// ent's statements keep their connections between statements:
		// OpenDBFromPool leaves database/sql none idle, and acquiring one
		// from the pool and wrapping it for database/sql at every statement
		// cost a sixth of the server's CPU on a list page. The pool keeps
		// directConns for its own users (River, the sessions' LISTEN, the
		// shared rate limits), which ent can then never starve.
		sqlMax := int(cfg.MaxConns) - directConns
		db.SetMaxOpenConns(sqlMax)
		db.SetMaxIdleConns(sqlMax)
		db.SetConnMaxIdleTime(time.Minute)
		db.SetConnMaxLifetime(cfg.MaxConnLifetime)
		pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := db.PingContext(pingCtx); err != nil {
			db.Close()
			return nil, nil, "", nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
		}
		drv := entsql.OpenDB(dialect.Postgres, db)
		return ent.NewClient(append(opts, ent.Driver(drv))...), db, dialect.Postgres, pool, nil
	}
	path := filepath.Join(dataDir, "bairi.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_txlock=immediate&_time_format=sqlite")
	if err != nil {
		return nil, nil, "", nil, err
	}
	// One writer at a time: SQLite serialises writes anyway, and a single
	// connection keeps transactions from deadlocking each other.
	db.SetMaxOpenConns(1)
	drv := entsql.OpenDB(dialect.SQLite, db)
	return ent.NewClient(append(opts, ent.Driver(drv))...), db, dialect.SQLite, nil, nil
}

// checkConns are the connections of the public certificate check's own
// pool (certificates.Service.Pool): a crowd checking certificates then never
// waits for, nor holds, a connection of ent's, River's or the sessions'.
const checkConns = 8

// openCheckPool opens the public check's pool on the database of pool.
func openCheckPool(ctx context.Context, pool *pgxpool.Pool) (*pgxpool.Pool, error) {
	cfg := pool.Config()
	cfg.MaxConns, cfg.MinConns = checkConns, 0
	return pgxpool.NewWithConfig(ctx, cfg)
}

// supersededIndexes are indexes an earlier version made that a wider one
// now serves (the lists' orderings gained the id that breaks ties, the
// region indexes the ids a bounded count reads). The migration keeps the
// indexes it no longer knows (WithDropIndex(false)), so these are dropped
// here by name: each one costs every insert and update of its table, and
// an older instance still running during an upgrade finds its rows through
// the wider one.
var supersededIndexes = []string{"certificate_issued_at", "certificate_created_at", "evidence_created_at",
	"subsidyapplication_created_at", "trainingclass_created_at",
	// and the region indexes gained the ids (a bounded count reads the index alone)
	"trainingclass_region_id_status", "subsidyapplication_region_id_state", "certificate_region_id", "evidence_region_id_status"}

// dropSupersededIndexes drops supersededIndexes where they still exist.
func dropSupersededIndexes(ctx context.Context, db *sql.DB) error {
	for _, name := range supersededIndexes {
		if _, err := db.ExecContext(ctx, "DROP INDEX IF EXISTS "+name); err != nil {
			return fmt.Errorf("dropping the superseded index %s: %w", name, err)
		}
	}
	return nil
}
