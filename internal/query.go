package internal

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Query encodes a params struct (or a pointer to one; nil gives no values)
// into URL query values, by its `url:"name"` tags:
//   - string, int, int64, bool: sent when not the zero value;
//   - pointers to those: sent when not nil (so *bool false is sent);
//   - []string: the key repeated once per value (OpenAPI form, explode), the
//     shape the Backend API's array parameters take;
//   - time.Time and *time.Time: Unix milliseconds, when set;
//
// Embedded structs are walked; fields without a url tag, or tagged "-", are
// skipped. It panics on a field type it does not know: that is a bug in a
// params struct of this SDK, found by its tests, never by a caller.
func Query(params any) url.Values {
	q := url.Values{}
	v := reflect.ValueOf(params)
	if !v.IsValid() {
		return q // untyped nil
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return q
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		panic(fmt.Sprintf("clerk: internal: Query of %s", v.Type()))
	}
	addStruct(q, v)
	return q
}

var timeType = reflect.TypeFor[time.Time]()

func addStruct(q url.Values, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		tag, ok := f.Tag.Lookup("url")
		if !ok {
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				addStruct(q, fv)
			}
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		addField(q, name, fv)
	}
}

func addField(q url.Values, name string, v reflect.Value) {
	if v.Type() == timeType {
		if t := v.Interface().(time.Time); !t.IsZero() {
			q.Add(name, strconv.FormatInt(t.UnixMilli(), 10))
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		e := v.Elem()
		if e.Type() == timeType {
			q.Add(name, strconv.FormatInt(e.Interface().(time.Time).UnixMilli(), 10))
			return
		}
		q.Add(name, scalar(e))
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			panic(fmt.Sprintf("clerk: internal: query field %s of %s", name, v.Type()))
		}
		for i := 0; i < v.Len(); i++ {
			q.Add(name, v.Index(i).String())
		}
	default:
		if !v.IsZero() {
			q.Add(name, scalar(v))
		}
	}
}

func scalar(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	}
	panic(fmt.Sprintf("clerk: internal: query value of %s", v.Type()))
}
