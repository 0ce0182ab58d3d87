import CaseFiles
import TextScan

/// Which side of the harm a letter is written from, read from who it says
/// did what to whom. A supporter, a parent or carer, or a neighbour may
/// write for the person harmed or for the person responsible; the role alone
/// does not say which. A letter that tells the recipient what they did
/// ("you and two other boys took his dinner money") and never what the
/// writer or their own did to the recipient is written for the person
/// harmed: what it tells is an account, read as the harmed person's own.
enum Side {
    /// Words that tell a harm done.
    static let harms: Set<String> = [
        "hit", "punched", "kicked", "pushed", "shoved", "stole", "took", "broke", "smashed", "forced", "attacked",
        "assaulted", "threatened", "bullied", "followed", "burgled", "robbed", "stabbed", "slashed", "damaged",
        "vandalised", "vandalized", "harassed", "stalked", "hurt", "injured", "beat", "battered", "mugged", "headbutted",
        "spat", "screenshotted", "shared", "posted", "sent", "called", "set", "burnt", "burned", "keyed", "sprayed",
        "knocked", "grabbed", "threw", "bit", "taking", "pushing", "calling", "hitting", "kicking", "bullying", "sending",
        "posting", "sharing", "filmed", "filming", "humiliated", "tormented",
    ]
    /// Who, besides the recipient, may have done it: the writer and their own.
    static let ours: Set<String> = ["i", "we", "he", "she", "they", "son", "daughter", "boy", "girl", "lad", "brother",
                                    "sister", "husband", "wife", "partner", "nephew", "grandson"]
    /// Words that make a "you did" into blame rather than an account.
    static let blame: Set<String> = ["first", "started", "provoked", "asking", "fault", "angel", "deserved", "winding",
                                     "wound", "goaded", "fair", "both", "too", "also", "back"]

    /// Whether a letter by `role` reads as written for the person harmed.
    static func forTheHarmed(_ text: ScannedText, sentences: [Range<Int>], role: Participant.Role?) -> Bool {
        guard let role, [.supporter, .parentCarer, .community].contains(role) else { return false }
        let tokens = text.tokens
        var theirs = 0
        for sentence in sentences {
            let words = tokens[sentence].map(\.plain)
            let toRecipient = words.contains { $0 == "you" || $0 == "your" }
            for (index, word) in words.enumerated() {
                let following = words[(index + 1)..<min(words.count, index + 7)]
                guard let verb = following.firstIndex(where: { harms.contains($0) || $0 == "did" }) else { continue }
                // "did" tells a harm as "what my son did to you", "what he did at your shop was wrong";
                // "sent" as "sent me messages", not "sent away".
                let after = verb + 1 < words.count ? words[verb + 1] : ""
                if words[verb] == "did", !["to", "at", "in", "on", "was", "is", "wrong"].contains(after) { continue }
                if ["sent", "set"].contains(words[verb]), ["away", "home", "down", "back", "off", "up", "out"].contains(after) { continue }
                if word == "you" {
                    // "you were hit" is done to the recipient; "if you hit" is not told as done.
                    if let next = following.first, ["were", "was", "got", "get", "had", "have", "'ve"].contains(next) { continue }
                    if index > 0, ["if", "when", "unless"].contains(words[index - 1]) { continue }
                    // "you broke your wrist" is a harm the recipient suffered.
                    if verb + 1 < words.count, ["your", "yourself"].contains(words[verb + 1]) { continue }
                    if words.contains(where: blame.contains) { return false }
                    theirs += 1
                } else if ours.contains(word), toRecipient {
                    // The writer's side doing it to the recipient: "I broke your window", "my son hit you";
                    // not "she said you hit her", whose doer is the recipient.
                    if following.prefix(upTo: verb).contains(where: { ["you", "your"].contains($0) }) { continue }
                    return false
                }
            }
        }
        return theirs > 0
    }
}
