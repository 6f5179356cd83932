// Command gqlgen is gqlgen's generate (go generate ./graph) with one change
// to the executor it writes: the fields of an object are resolved one
// after another, not each resolver field in a goroutine of its own.
//
// gqlgen starts a goroutine for every field that has a resolver or takes a
// context (an edge, a class's enrolledCount), for every element of a list:
// on a page of twenty classes that was forty goroutines, each growing its
// stack by copying it, for fields that wait on nothing (the edges are
// loaded with the page, the figures are loaded once for the whole page,
// graph/pages.go). The root fields of a query keep running concurrently;
// a mutation's already run in order.
package main

import (
	"fmt"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

// sequentialFields is the plugin that marks every object but the root
// ones as resolving its fields in order.
type sequentialFields struct{}

func (sequentialFields) Name() string { return "sequentialfields" }

func (sequentialFields) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if !o.Root {
			o.DisableConcurrency = true
		}
	}
	return nil
}

func main() {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err == nil {
		err = api.Generate(cfg, api.AddPlugin(sequentialFields{}))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}
