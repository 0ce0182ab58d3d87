import CommonMark
import Testing

struct NodeTests {
    let markdown = """
        # Outcome agreement

        ## Actions

        1. Write a letter of *apology* to [the shop](https://example.org/shop "Shop").
        2. Repair the fence.

        ```text
        code here
        ```
        """

    @Test func walksHeadingsInOrder() throws {
        let document = Document(markdown: markdown)
        let headings = document.node.descendants.filter { $0.kind == .heading }
        #expect(headings.map(\.headingLevel) == [1, 2])
        #expect(headings.map(\.plainText) == ["Outcome agreement", "Actions"])
        #expect(headings.map(\.start.line) == [1, 3])
    }

    @Test func findsLinksWithTheirTargets() throws {
        let document = Document(markdown: markdown)
        let link = try #require(document.node.descendants.first { $0.kind == .link })
        #expect(link.url == "https://example.org/shop")
        #expect(link.title == "Shop")
        #expect(link.plainText == "the shop")
        #expect(link.parent?.kind == .paragraph)
    }

    @Test func describesLists() throws {
        let document = Document(markdown: markdown)
        let list = try #require(document.node.descendants.first { $0.kind == .list })
        #expect(list.isOrderedList == true)
        #expect(list.listStart == 1)
        #expect(list.isTightList)
        #expect(Array(list.children).map(\.kind) == [.item, .item])
        #expect(list.children.map(\.plainText) == [
            "Write a letter of apology to the shop.", "Repair the fence.",
        ])
        #expect(list.start == SourcePosition(line: 5, column: 1))
        #expect(list.children.map(\.start.line) == [5, 6])
        #expect(list.firstChild?.end == SourcePosition(line: 5, column: 78))
        #expect(document.node.isOrderedList == nil)
    }

    @Test func readsCodeBlocks() throws {
        let document = Document(markdown: markdown)
        let code = try #require(document.node.descendants.first { $0.kind == .codeBlock })
        #expect(code.fenceInfo == "text")
        #expect(code.literal == "code here\n")
        #expect(code.isBlock)
    }

    @Test func siblingsAndChildren() throws {
        let root = Document(markdown: "a\n\nb\n\nc\n").node
        let first = try #require(root.firstChild)
        #expect(first.next?.plainText == "b")
        #expect(root.lastChild?.previous?.plainText == "b")
        #expect(root.children.map(\.kind) == [.paragraph, .paragraph, .paragraph])
        #expect(first.previous == nil)
    }

    @Test func nodesKeepTheirDocumentAlive() throws {
        // The document goes out of scope; the node must still read its tree.
        let text: Node = try {
            let document = Document(markdown: "kept *alive*\n")
            return try #require(document.node.descendants.last { $0.kind == .text })
        }()
        #expect(text.literal == "alive")
        #expect(text.parent?.kind == .emphasis)
    }

    @Test func plainTextKeepsLineBreaks() {
        let root = Document(markdown: "one\ntwo  \nthree `x`\n").node
        #expect(root.plainText == "one\ntwo\nthree x")
    }
}
