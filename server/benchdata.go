package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/migrate"
	"github.com/hnvt/bairi/internal/benchdata"
)

// benchData is `server bench-data [SCALE]`: it migrates and seeds the
// PostgreSQL database of DATABASE_URL as the server does at start, then fills
// it with the province-scale data set of internal/benchdata (SCALE 1:
// 2,000,000 persons; the database must hold no persons yet). The load suite
// (`make bench-load`) runs over it.
func benchData(ctx context.Context, cfg *config, args []string, stdout io.Writer) error {
	if cfg.DatabaseURL == "" {
		return fmt.Errorf("bench-data needs DATABASE_URL (PostgreSQL)")
	}
	scale := 1.0
	if len(args) > 0 {
		var err error
		if scale, err = strconv.ParseFloat(args[0], 64); err != nil || scale <= 0 || scale > 10 {
			return fmt.Errorf("bench-data SCALE: a number in (0, 10], not %q", args[0])
		}
	}
	client, db, _, pool, err := openDatabasePool(ctx, cfg.DatabaseURL, cfg.DataDir, ent.Settings(cfg.Settings))
	if err != nil {
		return err
	}
	defer pool.Close()
	defer db.Close()
	defer client.Close()
	if err := client.Schema.Create(ctx, migrate.WithDropIndex(false), migrate.WithDropColumn(false)); err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	if err := seed(ctx, client, cfg.BootstrapAdminPassword, stdout); err != nil {
		return err
	}
	t0 := time.Now()
	n, users, err := benchdata.Generate(ctx, pool, benchdata.Config{Scale: scale, DataKey: cfg.DataKey, Log: stdout})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "bench-data: scale %g in %v: %+v\nusers (password %s): %+v\n", scale, time.Since(t0).Round(time.Second), n, benchdata.Password, users)
	return nil
}
