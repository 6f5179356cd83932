//go:build !linux

package storagetest

import "syscall"

func sysProcAttr() *syscall.SysProcAttr { return nil }
