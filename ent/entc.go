//go:build ignore

// Command entc generates the ent client and the GraphQL schema of the model.
package main

import (
	"fmt"
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/sessions"
	"github.com/hnvt/bairi/internal/settings"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphqls"),
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithWhereInputs(true),
		entgql.WithRelaySpec(true),
		entgql.WithSchemaHook(nullableEdges),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{gen.FeaturePrivacy, gen.FeatureEntQL, gen.FeatureGlobalID, gen.FeatureLock, gen.FeatureUpsert, gen.FeatureExecQuery, gen.FeatureModifier},
	}, entc.Extensions(ex),
		entc.Dependency(entc.DependencyName("Settings"), entc.DependencyType(&settings.Settings{})),
		entc.Dependency(entc.DependencyName("Clock"), entc.DependencyType(&clock.Clock{})),
		entc.Dependency(entc.DependencyName("Sessions"), entc.DependencyType(&sessions.Cache{})),
	)
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

// nullableEdges makes the GraphQL field of each edge marked
// NullWhenUnreadable (ent/schema/privacy.go) nullable: the viewer may read
// the edge's start and not its end, which then answers null.
func nullableEdges(g *gen.Graph, s *ast.Schema) error {
	for _, n := range g.Nodes {
		for _, e := range n.Edges {
			if _, ok := e.Annotations["NullWhenUnreadable"]; !ok {
				continue
			}
			def := s.Types[n.Name]
			if def == nil {
				return fmt.Errorf("NullWhenUnreadable on %s.%s: no GraphQL type %s", n.Name, e.Name, n.Name)
			}
			f := def.Fields.ForName(gen.Funcs["camel"].(func(string) string)(e.Name))
			if f == nil {
				return fmt.Errorf("NullWhenUnreadable on %s.%s: the edge is not in the GraphQL type", n.Name, e.Name)
			}
			f.Type.NonNull = false
		}
	}
	return nil
}
