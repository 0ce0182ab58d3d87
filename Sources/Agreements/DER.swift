/// Just enough DER (ITU-T X.690) to write and read a CMS signature: a value
/// is a tag, a length and its content; constructed values hold others.
enum DERBytes {
    static let integer: UInt8 = 0x02, octetString: UInt8 = 0x04, null: UInt8 = 0x05, objectIdentifier: UInt8 = 0x06
    static let utf8String: UInt8 = 0x0C, sequence: UInt8 = 0x30, set: UInt8 = 0x31
    /// `[n]`, constructed, context-specific.
    static func context(_ number: UInt8) -> UInt8 { 0xA0 | number }

    /// One value: the tag, the length in DER's shortest form, the content.
    static func value(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var bytes = [tag]
        if content.count < 0x80 {
            bytes.append(UInt8(content.count))
        } else {
            var length = content.count, digits: [UInt8] = []
            while length > 0 { digits.insert(UInt8(length & 0xFF), at: 0); length >>= 8 }
            bytes.append(0x80 | UInt8(digits.count))
            bytes += digits
        }
        return bytes + content
    }

    static func sequence(_ items: [UInt8]...) -> [UInt8] { value(sequence, items.flatMap { $0 }) }

    /// A SET OF: DER orders its members by their encodings.
    static func set(_ items: [[UInt8]]) -> [UInt8] {
        value(set, items.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 })
    }

    static func octets(_ bytes: [UInt8]) -> [UInt8] { value(octetString, bytes) }

    static func integer(_ number: Int) -> [UInt8] {
        var digits: [UInt8] = []
        var rest = number
        repeat { digits.insert(UInt8(rest & 0xFF), at: 0); rest >>= 8 } while rest > 0
        if digits[0] & 0x80 != 0 { digits.insert(0, at: 0) }
        return value(integer, digits)
    }

    /// An object identifier from its dotted form, "1.2.840.113549.1.7.2".
    static func oid(_ dotted: String) -> [UInt8] {
        let arcs = dotted.split(separator: ".").map { Int($0)! }
        var content = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var groups = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 { groups.insert(UInt8(rest & 0x7F) | 0x80, at: 0); rest >>= 7 }
            content += groups
        }
        return value(objectIdentifier, content)
    }

    /// A value read back: its tag, its whole encoding and its content.
    struct Node {
        var tag: UInt8
        var encoded: ArraySlice<UInt8>
        var content: ArraySlice<UInt8>

        /// The values a constructed value holds, in order.
        func children() throws(DERError) -> [Node] {
            var nodes: [Node] = []
            var rest = content
            while !rest.isEmpty {
                let node = try Node.read(&rest)
                nodes.append(node)
            }
            return nodes
        }

        /// Reads one value from the front of `bytes`, and drops it there.
        static func read(_ bytes: inout ArraySlice<UInt8>) throws(DERError) -> Node {
            let start = bytes.startIndex
            guard bytes.count >= 2 else { throw DERError() }
            let tag = bytes[start]
            guard tag & 0x1F != 0x1F else { throw DERError() }
            var index = start + 1
            var length = Int(bytes[index])
            index += 1
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard count > 0, count <= 4, index + count <= bytes.endIndex else { throw DERError() }
                length = 0
                for byte in bytes[index..<index + count] { length = length << 8 | Int(byte) }
                index += count
            }
            guard length >= 0, index + length <= bytes.endIndex else { throw DERError() }
            let node = Node(tag: tag, encoded: bytes[start..<index + length], content: bytes[index..<index + length])
            bytes = bytes[(index + length)...]
            return node
        }

        static func parse(_ bytes: [UInt8]) throws(DERError) -> Node {
            var slice = bytes[...]
            return try read(&slice)
        }
    }
}

/// Bytes that are not the DER they should be.
struct DERError: Error {}
