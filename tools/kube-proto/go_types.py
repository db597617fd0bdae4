#!/usr/bin/env python3
"""Reads the Go runtime type descriptors of a statically linked, non-PIE Go ELF binary (the
metadata `reflect` uses) and returns every struct type with its fields, Go struct tags and field
types. Used by gen_table.py on kubectl, whose binary carries the k8s.io/api types with their
`json:` and `protobuf:` struct tags (go-to-protobuf writes generated.proto from those tags).

Layout (internal/abi, Go 1.21+ on amd64): Type is 48 bytes (Size, PtrBytes, Hash, TFlag, Align,
FieldAlign, Kind, Equal, GCData, Str nameOff, PtrToThis); then per kind: Pointer/Slice: Elem;
Map: Key, Elem; Array: Elem, Slice, Len; Struct: PkgPath name, Fields slice of {Name, Typ,
Offset}; then, with TFlagUncommon, UncommonType whose first int32 is the package path nameOff.
"""
import struct

KIND_NAMES = {1: "bool", 2: "int", 3: "int8", 4: "int16", 5: "int32", 6: "int64", 7: "uint",
              8: "uint8", 9: "uint16", 10: "uint32", 11: "uint64", 12: "uintptr", 13: "float32",
              14: "float64", 17: "array", 18: "chan", 19: "func", 20: "interface", 21: "map",
              22: "ptr", 23: "slice", 24: "string", 25: "struct", 26: "unsafeptr"}
TFLAG_UNCOMMON = 1


class Binary:
    def __init__(self, path):
        self.data = open(path, "rb").read()
        self.sections = {}
        self._read_sections()
        self.types_base = self.sections[".rodata"][0]

    def _read_sections(self):
        d = self.data
        shoff, = struct.unpack_from("<Q", d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3A)
        hdrs = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + i * shentsize) for i in range(shnum)]
        strtab_off = hdrs[shstrndx][4]
        for h in hdrs:
            name = d[strtab_off + h[0]:d.index(b"\0", strtab_off + h[0])].decode()
            self.sections[name] = (h[3], h[4], h[5])  # addr, offset, size

    def off(self, addr):
        for addr0, off0, size in self.sections.values():
            if addr0 and addr0 <= addr < addr0 + size:
                return off0 + addr - addr0
        raise ValueError(f"address {addr:#x} outside the image")

    def u64(self, addr):
        return struct.unpack_from("<Q", self.data, self.off(addr))[0]

    def i32(self, addr):
        return struct.unpack_from("<i", self.data, self.off(addr))[0]

    def u8(self, addr):
        return self.data[self.off(addr)]

    def name_at(self, addr):
        """Decodes an abi.Name: flags byte, varint length, bytes, then optionally a tag."""
        o = self.off(addr)
        flags = self.data[o]
        n, o = varint(self.data, o + 1)
        name = self.data[o:o + n].decode("utf-8", "replace")
        o += n
        tag = ""
        if flags & 2:
            t, o = varint(self.data, o)
            tag = self.data[o:o + t].decode("utf-8", "replace")
        return name, tag, bool(flags & 8)

    def typelinks(self):
        addr, off, size = self.sections[".typelink"]
        return [self.types_base + struct.unpack_from("<i", self.data, off + i)[0] for i in range(0, size, 4)]


def varint(b, o):
    v = shift = 0
    while True:
        c = b[o]
        o += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return v, o


class Types:
    """All types reachable from the typelinks, by address."""

    def __init__(self, path):
        self.b = Binary(path)
        self.cache = {}
        todo = list(self.b.typelinks())
        while todo:
            a = todo.pop()
            if a in self.cache:
                continue
            t = self._parse(a)
            self.cache[a] = t
            todo.extend(x for x in t.get("refs", []) if x and x not in self.cache)

    def _parse(self, a):
        b = self.b
        tflag, kind = b.u8(a + 20), b.u8(a + 23) & 0x1F
        name = b.name_at(b.types_base + b.i32(a + 40))[0]
        # the linker stores every type string with an extra leading star (tflag bits moved
        # between Go releases, so rely on the string itself)
        if name.startswith("*"):
            name = name[1:]
        named = not name.startswith(("*", "[", "map[", "struct {", "func(", "chan ", "interface {"))
        t = {"addr": a, "kind": KIND_NAMES.get(kind, str(kind)), "name": name, "named": named}
        extra = None  # size of the kind-specific part, when known
        if kind in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 24):
            extra = 0
        elif kind in (22, 23):
            t["elem"] = b.u64(a + 48)
            t["refs"] = [t["elem"]]
            extra = 8
        elif kind == 17:
            t["elem"] = b.u64(a + 48)
            t["refs"] = [t["elem"]]
            extra = 24
        elif kind == 21:
            t["key"], t["elem"] = b.u64(a + 48), b.u64(a + 56)
            t["refs"] = [t["key"], t["elem"]]
            extra = None  # map layout varies by version; uncommon offset unknown
        elif kind == 25:
            fptr, flen = b.u64(a + 56), b.u64(a + 64)
            fields = []
            for i in range(flen):
                fa = fptr + 24 * i
                fname, ftag, embedded = b.name_at(b.u64(fa))
                fields.append({"name": fname, "tag": ftag, "embedded": embedded, "type": b.u64(fa + 8)})
            t["fields"] = fields
            t["refs"] = [f["type"] for f in fields]
            extra = 32
        if t["named"] and tflag & TFLAG_UNCOMMON and extra is not None:
            pkg_off = b.i32(a + 48 + extra)
            if pkg_off:
                t["pkg"] = b.name_at(b.types_base + pkg_off)[0]
        return t

    def get(self, a):
        return self.cache.get(a)


if __name__ == "__main__":
    import sys
    ts = Types(sys.argv[1])
    structs = [t for t in ts.cache.values() if t["kind"] == "struct" and t.get("pkg", "").startswith("k8s.io/api/core/v1")]
    print(len(ts.cache), "types;", len(structs), "core/v1 structs")
    for t in structs[:3]:
        print(t["pkg"], t["name"], [(f["name"], f["tag"]) for f in t["fields"]][:4])
