// Copyright ©2026 The boardpack Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// boardpack patch: generateCIDFontMap (a font's /W widths) builds its
// ranges with untypedKeyMap.put and writes them with implode; both must do
// what stock fpdf v0.12.0's code, kept below, does.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// stockKeyMap is stock fpdf's untypedKeyMap with its put, getIndex, pop
// and delete.
type stockKeyMap struct {
	keySet   []any
	valueSet []int
}

func (pa *stockKeyMap) getIndex(key any) int {
	if key != nil {
		for i, mKey := range pa.keySet {
			if mKey == key {
				return i
			}
		}
		return -1
	}
	return -1
}

func (pa *stockKeyMap) put(key any, value int) {
	if key == nil {
		var i int
		for n := 0; ; n++ {
			i = pa.getIndex(n)
			if i < 0 {
				key = n
				break
			}
		}
		pa.keySet = append(pa.keySet, key)
		pa.valueSet = append(pa.valueSet, value)
	} else {
		i := pa.getIndex(key)
		if i < 0 {
			pa.keySet = append(pa.keySet, key)
			pa.valueSet = append(pa.valueSet, value)
		} else {
			pa.valueSet[i] = value
		}
	}
}

func (pa *stockKeyMap) pop() {
	pa.keySet = pa.keySet[:len(pa.keySet)-1]
	pa.valueSet = pa.valueSet[:len(pa.valueSet)-1]
}

func (pa *stockKeyMap) delete(key any) {
	if pa == nil || pa.keySet == nil || pa.valueSet == nil {
		return
	}
	i := pa.getIndex(key)
	if i >= 0 {
		if i == 0 {
			pa.keySet = pa.keySet[1:]
			pa.valueSet = pa.valueSet[1:]
		} else if i == len(pa.keySet)-1 {
			pa.keySet = pa.keySet[:len(pa.keySet)-1]
			pa.valueSet = pa.valueSet[:len(pa.valueSet)-1]
		} else {
			pa.keySet = append(pa.keySet[:i], pa.keySet[i+1:]...)
			pa.valueSet = append(pa.valueSet[:i], pa.valueSet[i+1:]...)
		}
	}
}

// TestUntypedKeyMapPutIsStock runs random sequences of put (with no key,
// "interval", an int or an int64 key), pop and delete (which leave gaps
// in the int keys, or drop key 0) on untypedKeyMap and on stock's, and
// compares the keys and values after every step; sequences run past 512
// keys, where put's scratch bitset is allocated.
func TestUntypedKeyMapPutIsStock(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for seq := range 300 {
		got := &untypedKeyMap{keySet: []any{}, valueSet: []int{}}
		want := &stockKeyMap{keySet: []any{}, valueSet: []int{}}
		steps := 50 + r.IntN(100)
		long := seq%100 == 0
		if long {
			steps = 700
		}
		for step := range steps {
			v := r.IntN(3000)
			var what string
			switch op := r.IntN(20); {
			case op < 12 || long && op < 19:
				what = "put(nil)"
				got.put(nil, v)
				want.put(nil, v)
			case op == 12:
				what = "put(interval)"
				got.put("interval", v)
				want.put("interval", v)
			case op == 13:
				k := r.IntN(len(want.keySet) + 3)
				what = fmt.Sprintf("put(%d)", k)
				got.put(k, v)
				want.put(k, v)
			case op == 14:
				k := int64(r.IntN(5))
				what = fmt.Sprintf("put(int64 %d)", k)
				got.put(k, v)
				want.put(k, v)
			case op == 15 && len(want.keySet) > 0:
				what = "pop"
				got.pop()
				want.pop()
			case op == 16:
				what = "delete(interval)"
				got.delete("interval")
				want.delete("interval")
			default:
				k := r.IntN(len(want.keySet) + 1)
				what = fmt.Sprintf("delete(%d)", k)
				got.delete(k)
				want.delete(k)
			}
			if long && step == steps-1 && len(want.keySet) <= 512 {
				t.Fatalf("sequence %d ends with %d keys; it should pass 512", seq, len(want.keySet))
			}
			if !slices.Equal(got.keySet, want.keySet) || !slices.Equal(got.valueSet, want.valueSet) {
				t.Fatalf("sequence %d, step %d (%s): keys %v values %v, stock fpdf keys %v values %v",
					seq, step, what, got.keySet, got.valueSet, want.keySet, want.valueSet)
			}
		}
	}
}

// TestImplodeIsStock compares implode with stock fpdf's, which wrote each
// value with fmt's %v and the separator with %s.
func TestImplodeIsStock(t *testing.T) {
	stock := func(sep string, arr []int) string {
		var s fmtBuffer
		for i := 0; i < len(arr)-1; i++ {
			s.printf("%v", arr[i])
			s.printf("%s", sep)
		}
		if len(arr) > 0 {
			s.printf("%v", arr[len(arr)-1])
		}
		return s.String()
	}
	r := rand.New(rand.NewPCG(11, 12))
	for n := range 40 {
		arr := make([]int, n)
		for i := range arr {
			arr[i] = r.IntN(4000) - 1000
		}
		for _, sep := range []string{" ", ", ", ""} {
			if got, want := implode(sep, arr), stock(sep, arr); got != want {
				t.Fatalf("implode(%q, %v) = %q, stock fpdf %q", sep, arr, got, want)
			}
		}
	}
}
