//go:build ignore

// Command entc generates the ent client and the GraphQL schema of the model.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/settings"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphqls"),
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithWhereInputs(true),
		entgql.WithRelaySpec(true),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{gen.FeaturePrivacy, gen.FeatureEntQL, gen.FeatureGlobalID, gen.FeatureLock, gen.FeatureUpsert},
	}, entc.Extensions(ex),
		entc.Dependency(entc.DependencyName("Settings"), entc.DependencyType(&settings.Settings{})),
		entc.Dependency(entc.DependencyName("Clock"), entc.DependencyType(&clock.Clock{})),
	)
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
