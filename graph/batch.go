package graph

import (
	"context"
	"sync"
)

// An operation's batches: a field of every element of a list (a class's
// count of rejected evidence) is loaded for the whole list in one query the
// first time one element asks, then read from here by the others.
type batchesKey struct{}

type batches struct {
	mu    sync.Mutex
	loads map[any]*batchLoad
}

type batchLoad struct {
	once sync.Once
	val  any
	err  error
}

// withBatches gives an operation its batches (graph/handler.go, AroundOperations).
func withBatches(ctx context.Context) context.Context {
	return context.WithValue(ctx, batchesKey{}, &batches{loads: map[any]*batchLoad{}})
}

// batched returns the operation's value under key (any comparable value),
// loading it once; without batches in the context (a direct call) it simply
// loads.
func batched[T any](ctx context.Context, key any, load func() (T, error)) (T, error) {
	b, _ := ctx.Value(batchesKey{}).(*batches)
	if b == nil {
		return load()
	}
	b.mu.Lock()
	l, ok := b.loads[key]
	if !ok {
		l = &batchLoad{}
		b.loads[key] = l
	}
	b.mu.Unlock()
	l.once.Do(func() { l.val, l.err = load() })
	if l.err != nil {
		var zero T
		return zero, l.err
	}
	return l.val.(T), nil
}
