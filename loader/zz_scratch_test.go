package loader

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

func TestScratchWarm(t *testing.T) {
	start := time.Now()
	var walked []file
	walkOS([]string{"/tmp/tidings-bench/dumps-100000"}, func(f file) { walked = append(walked, f) })
	t.Logf("walk %v", time.Since(start))
	pf, _ := os.Create("/tmp/warm.prof")
	pprof.StartCPUProfile(pf)
	start = time.Now()
	c, err := Cache{Dir: "/tmp/xc/tidings"}.Load(context.Background(), []string{"/tmp/tidings-bench/dumps-100000"}, Options{})
	pprof.StopCPUProfile()
	t.Logf("load %v %v", time.Since(start), err)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap %d MB sys %d MB gc %d", ms.HeapAlloc>>20, ms.Sys>>20, ms.NumGC)
	_ = c
}
