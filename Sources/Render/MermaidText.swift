/// Mermaid's lexical rules for sequence diagrams, kept in one place.
enum MermaidText {
    /// Message text as Mermaid reads it: the text runs to the end of the line but stops at `;`
    /// (a statement separator) and `#` (an entity code), so both are written as entity codes,
    /// as are quotes and angle brackets (Mermaid renders labels as HTML).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "#": out += "#35;"
            case ";": out += "#59;"
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        let trimmed = out.drop { $0 == " " }
        return trimmed.isEmpty ? "-" : String(trimmed)
    }

    /// Words of the sequence diagram grammar, which cannot name a participant.
    static let keywords: Set<String> = [
        "participant", "actor", "as", "end", "loop", "alt", "else", "opt", "par", "and", "rect",
        "critical", "break", "option", "note", "over", "left", "right", "of", "box", "autonumber",
        "activate", "deactivate", "title", "link", "links", "properties", "details", "create",
        "destroy", "sequenceDiagram",
    ]
}

/// The Mermaid ids of participants: the name itself when it is a plain word, otherwise an alias
/// (`participant containerd_shim as containerd-shim`), since dashes read as arrows in Mermaid.
struct MermaidNames {
    private var ids: [String: String] = [:]
    private var taken: Set<String> = []

    /// The id of `name`, declaring it (one `participant` line) the first time.
    @discardableResult
    mutating func declare(_ name: String, emit: (String) -> Void) -> String {
        if let id = ids[name] { return id }
        var base = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) ? scalar : "_"
        }))
        if base.first.map({ !$0.isLetter }) ?? true { base = "p_" + base }
        if MermaidText.keywords.contains(base.lowercased()) { base += "_" }
        var id = base
        var suffix = 2
        while taken.contains(id) {
            id = base + "_" + String(suffix)
            suffix += 1
        }
        ids[name] = id
        taken.insert(id)
        emit(id == name ? "    participant " + id : "    participant " + id + " as " + MermaidText.escaped(name))
        return id
    }
}
