/// Text written into HTML so that it reads literally, as templates escape
/// every value: for pages a program builds without a template.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var output = ""
        Escaper.appendHTML(text, to: &output)
        return output
    }
}
