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
//
// And one change to the code it writes: an object no longer makes a group
// for its deferred fields (@defer) up front. gqlgen made one for every
// object of an answer (its path copied, a field set and a map allocated)
// although nothing it writes ever adds to it: the group stays empty, and
// the empty group it is now declared as does the same. Should a later
// gqlgen write code that fills the group, this command fails instead.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

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

// noDeferredGroups rewrites the generated executor so that an object
// declares its (always empty) group of deferred fields instead of making one.
func noDeferredGroups(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	src := string(b)
	const made, declared = "deferred := graphql.NewDeferredGroup(ctx)", "var deferred graphql.DeferredGroup"
	if strings.Contains(src, "deferred.Defers[") || strings.Contains(src, "deferred.FieldSet") || strings.Count(src, made) == 0 {
		return errors.New(path + ": gqlgen's code for deferred fields changed; see graph/gqlgen/main.go")
	}
	return os.WriteFile(path, []byte(strings.ReplaceAll(src, made, declared)), 0o644)
}

func main() {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err == nil {
		err = api.Generate(cfg, api.AddPlugin(sequentialFields{}))
	}
	if err == nil {
		err = noDeferredGroups(cfg.Exec.Filename)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}
