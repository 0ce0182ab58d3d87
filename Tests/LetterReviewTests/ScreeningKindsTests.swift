import Foundation
import CaseFiles
@testable import LetterReview
import Testing
import TextScan

/// The kinds of harm a letter can carry that no list of phrases holds: each
/// detector read from a sentence's parts, tried on sentences of its kind and
/// on honest sentences that share their words, with who is writing.
struct ScreeningKindsTests {
    static let screener = try! Screener.standard()

    static func categories(_ text: String, _ role: Participant.Role? = .responsible) -> Set<String> {
        Set(screener.screen(text, context: ScreeningContext(writerRole: role)).findings
            .filter { $0.severity != .info }.flatMap(\.categories).map(\.rawValue))
    }

    @Test(arguments: [
        "Hope your girls are still loving their ballet at the church hall on Saturdays.",
        "I noticed your van parked outside the depot again last week.",
        "Your boy's school looks lovely now they have painted it.",
        "It was nice to see the washing out in your garden when I passed.",
    ])
    func theRecipientsLifeKnownIsSeen(text: String) {
        #expect(Self.categories(text).contains("location"))
    }

    @Test(arguments: [
        "My brother says to tell you he was asking about you.",
        "People round here know what you did, and they remember.",
        "I saw you outside the chip shop on Friday.",
        "I have nothing left to lose now.",
        "This is not over, whatever the court says.",
        "Counting the days till the hearing.",
        "There is not much anyone can take from me any more.",
        "I get out in the spring. Write that down somewhere.",
        "Town is small, so I am sure we will run into each other.",
        "Our Dean's pals have been asking after you lately.",
        "Whatever gets decided that day, our family won't forget whose statement kept him in there.",
        "These things tend to come back round in the end.",
        // Others who know of the recipient, a crowd that talks, a harm wished away in words that carry it.
        "My uncles know which gym you use. They haven't done anything about it.",
        "Word travels fast on the Kingsway estate and people have long memories about you.",
        "It would be a shame if anything happened to your shop while things are like this.",
        // A memory kept as a warning; a threat to tell others unless the recipient gives way.
        "I just want you to know that I remember every word, and I've got a very good memory.",
        "If you don't plead guilty, I'll make sure your boss and everyone on your road knows what you did.",
    ])
    func veiledIntimidationIsSeen(text: String) {
        #expect(Self.categories(text).contains("intimidation"))
    }

    @Test(arguments: [
        "Could you let the probation officer know I have changed?",
        "You need to tell my solicitor it was a misunderstanding.",
        "It is time you let it go, for both our sakes.",
        "I have done my bit, so now it is your turn.",
        "If you drop it, I will leave you alone.",
        "My children are suffering because of what you said to the police.",
        "Would you mind telling the housing officer you are fine with me staying?",
        "I can only get past this once I know you have forgiven me.",
        "My boy has just turned four. Please think of him when the magistrates decide.",
        "Isn't it time you let it go and withdrew the claim?",
        "A word from you to the HR panel saying you are comfortable with me back would help.",
        "When the assessor rings, would you be willing to tell them it was more of an accident?",
        "If they ask, it would be honest enough to say it is a blur and you cannot remember.",
    ])
    func pressureAboutTheProcessIsSeen(text: String) {
        #expect(Self.categories(text).contains("pressure"))
    }

    @Test(arguments: [
        ("It was a bit of banter that got out of hand.", "minimisation"),
        ("Things just kicked off that night.", "excuse"),
        ("We were both to blame if we are honest.", "victim-blaming"),
        ("You were just as bad as me that night.", "victim-blaming"),
        ("If you had paid what you owed, none of this would have happened.", "victim-blaming"),
        ("Your son had been on at him for months before the fight.", "victim-blaming"),
        ("Mistakes were made on both sides.", "victim-blaming"),
        // A negation the phrase itself spells; what a fight is called; a harm said not to be one.
        ("To be honest it wasn't that serious.", "minimisation"),
        ("It was handbags, and it looked far worse on the video than it really was.", "minimisation"),
        ("You weren't even hurt, you got straight back up.", "minimisation"),
        ("If you'd just walked off when he asked, none of this would be happening.", "victim-blaming"),
    ])
    func minimisingAndSharedBlameAreSeen(text: String, category: String) {
        #expect(Self.categories(text).contains(category))
    }

    @Test(arguments: [
        "You can reach me on oh seven nine double four, three one two, eight six seven.",
        // Read aloud as people say them: "nine hundred" is 900.
        "Ring me on oh seven seven double oh nine hundred, four five six.",
        "My number is O77OO 9OO 123 if you need it.",
        "0 7 7 0 0\n9 0 0 1 2 3",
        "Email me at jay dot smith at gmail dot com.",
        "My snap is jaybird_99.",
        "I'm on the gram as lil.jay.",
        "Find me on insta if you ever want to talk.",
        "My mobile is 0seven9three1 44five 2o6.",
        "07\nThat is how I feel about it\n811\nand I mean it\n402\nwith all my heart\n559",
        "If you fancy a chat one day, just send me a message.",
        "Just drop a line to kel dot marsh at gee mail dot com.",
        "His number is 0770\n0 900\n733 and he always has it on him.",
        // Pieces joined by words that only lead on; an address and a meeting told in words.
        "Ring O7seven, then 700, and then 9 0 0 1 2.",
        "I'm in the flat above the chippy on Dale Street now, knock twice.",
        "Be a man and come and say it to my face if you want.",
        "We could talk properly without the lady reading everything first.",
        // A number tucked at the ends of lines of text; where to find the writer left to the recipient.
        "Remember our song, 07700\nthe one we played in the car? 900\nI am doing a course for the kids. 284\nTake care.",
        "If you ever need anything, you know where to find me.",
    ])
    func contactDetailsInDisguiseAreSeen(text: String) {
        let found = Self.categories(text)
        #expect(found.contains("contact-details") || found.contains("contact-request"), "\(found)")
    }

    /// Honest letters that share the words: the harmed person's own account,
    /// an apology whose "but" refuses an excuse, the writer's own life and
    /// numbers that are not contact details.
    @Test(arguments: [
        ("You hit me and laughed while I was on the floor.", Participant.Role.harmed),
        ("We were both at the party, and you hurt me in front of everyone.", .harmed),
        ("I will never forget what you did to me.", .harmed),
        ("I was drunk, but that is no excuse for what I did to you.", .responsible),
        ("I am sorry, but I know saying sorry does not undo it. It was my fault.", .responsible),
        ("I told the court the truth and I am glad I did.", .responsible),
        ("I have been working nights at the warehouse and going to meetings every week.", .responsible),
        ("My children deserve a better dad, and I am trying to be one.", .responsible),
        ("I am sorry for breaking into your home. It was wrong and it was my fault.", .responsible),
        ("I hope you and your family can feel safe again one day.", .responsible),
        ("Two years ago I owed £450 and took the 43 bus to work every day.", .responsible),
        ("I did three hundred hours of unpaid work and two thousand steps a day on the ward.", .responsible),
        ("I deleted my snap and my insta when I went into rehab.", .responsible),
        ("I will wait for the service to tell me if you want to reply.", .responsible),
        // A reply asked for through the service, by either side.
        ("If you want to write back, please send it through the service.", .harmed),
        ("If you would like to, you can contact me through the restorative justice office.", .agency),
        // The writer's own family named, a release and a move away, a story corrected.
        ("I came with my husband, Derek, and we both thank you.", .supporter),
        ("I am released in March and I will be living in another town, well away from you.", .responsible),
        ("My mum told the school you started it, but you didn't. I did.", .responsible),
        ("I know you had to change your route to work because of me.", .responsible),
        ("I think about my kids every day and what they must think of me.", .responsible),
        // The recipient's family in a kind wish or an acknowledgement, and a promise to keep away.
        ("I hope your daughter is doing well now.", .responsible),
        ("I think about your children every day and what I put them through.", .responsible),
        ("I know your son was home when it happened and that he still has nightmares.", .responsible),
        ("I've told my brother to stay away from your road and he has agreed.", .responsible),
        // A claim told only to be taken back, in the sentence before or after.
        ("For years I told myself we were both to blame. That it takes two. It isn't true.", .responsible),
        ("You may worry that I will ask you to change your statement. I won't.", .responsible),
        // Someone else ringing the writer, and a wish for the recipient's course.
        ("She would ring me from the car every night so I could stay on the phone while she checked the rooms.", .supporter),
        ("I hope you finish your plastering course and make something good of your life.", .harmed),
        ("I just wanted to say sorry, and that I think about what I did every day.", .responsible),
        ("The lads who took your car from the station car park were me and my cousin.", .responsible),
        // The writer's own people ashamed of them, and the writer's own conduct as the cause.
        ("My brothers know what I did and they are ashamed of me.", .responsible),
        ("If I had walked away that night, none of this would have happened.", .responsible),
        ("People round here were good to you after what I did, and I'm glad.", .responsible),
        ("Between 2001 and then 2003 and 2009 I moved house four times.", .responsible),
        ("I would like to meet you face to face one day, if you want, and the service can arrange it.", .responsible),
        // A phrase read within its sentence; "wont" and "cant" as texting writes them; more of the harm told;
        // an institution's sanction; others' part in the offence; others keeping their distance; a meeting
        // someone else arranges; a blame the writer once told themselves.
        ("I'm sorry. If the school agrees, I'd like to do some gardening for the club.", .responsible),
        ("I wont message you or follow you anywhere, that's part of what I agreed.", .responsible),
        ("The magistrate said I cant go near you at the leisure centre, and that's fair.", .responsible),
        ("Since you reversed into my dad's car on Fenwick Road and drove off, he has not driven again.", .supporter),
        ("Anyone caught sharing the video again will be dealt with by the college.", .agency),
        ("I didn't know about the older boys who talked you into it until your letter.", .harmed),
        ("Some of the residents are still angry and want nothing to do with you for now.", .community),
        ("If you ever want to meet, Priya said she could arrange it, and it's up to you.", .responsible),
        ("I told myself you only went to the council out of spite, but that was me hunting for a reason.", .responsible),
        // Years and numbers at the ends of lines that make no phone number.
        ("We moved in 2019\nand again in 2021\nand once more in 2023\nand each time I started again.", .responsible),
        ("I was in set 2\nthen moved up to set 1\nand I got 78\nin the mock.", .responsible),
    ])
    func honestLettersRaiseNoAlarm(text: String, role: Participant.Role) {
        #expect(Self.categories(text, role).isEmpty, "\(Self.categories(text, role))")
    }

    /// The same words in one sentence and across two: a phrase is read within its sentence.
    @Test func aPhraseIsReadWithinItsSentence() {
        #expect(Self.categories("I'm sorry if you were upset by it all.").contains("non-apology"))
        #expect(Self.categories("I'm sorry. If you were upset by it all, the facilitator can help.").isEmpty)
        #expect(Self.categories("I sat near you in the library last Tuesday.").contains("intimidation"))
        #expect(Self.categories("I cant sit near you in the library, the school says.").isEmpty)
    }

    /// A threat is a threat whoever writes it: other people brought in by
    /// the harmed person's letter are intimidation too.
    @Test func intimidationThroughOthersIsSeenFromEveryWriter() {
        let letter = "My brothers are not as patient as me. They would like a word with you when you are out."
        for role in Participant.Role.allCases {
            #expect(Self.categories(letter, role).isSuperset(of: ["intimidation", "third-party"]), "\(role)")
        }
    }

    /// Texting spellings are read as the rules spell them: "u" is "you",
    /// "didnt" is "didn't" (so a negation in text-speak still cancels).
    @Test func textSpeakReadsAsTheRulesSpellIt() {
        #expect(Self.categories("could u tell the police it was all a misunderstanding pls").contains("pressure"))
        #expect(Self.categories("Could you tell the police it was all a misunderstanding, please?").contains("pressure"))
        // The cancel "you don't have to" is found as "u dont have to".
        #expect(Self.categories("could u tell the police it was an accident").contains("pressure"))
        #expect(!Self.categories("could u tell the police it was an accident, u dont have to tho").contains("pressure"))
    }

    /// A message spelled by the first letters of lines, made of short words
    /// rather than one word of concern; ordinary first letters spell none.
    @Test func aMessageSpelledDownTheLinesIsSeen() {
        let hidden = "Truly I am sorry for that night.\nEvery day I think of it.\nX marks the spot on the map I drew.\nThat is all I can say.\nMaybe one day you will forgive me.\nEven so, I will keep trying.\n"
        #expect(Self.categories(hidden).contains("hidden-message"))
        let plain = "Dear Mr Barker,\nMy English is not so good so my wife helps me.\nI am sorry for the damage.\nThe window is paid for now.\nI hope your family is well.\nThank you for reading.\n"
        #expect(!Self.categories(plain).contains("hidden-message"))
        #expect(Detectors.spelledMessages(Array("dmitit")).isEmpty)
        #expect(Detectors.spelledMessages(Array("xnotoverx")) == [1..<8])
    }

    /// The recipient's own words told back to them are their account; the
    /// same words quoted from a third person, or a number inside any quote,
    /// still count.
    @Test func theRecipientsWordsQuotedBackAreNotTheWritersThreat() {
        let told = "That night you said \u{201C}my brothers will find you and sort you out\u{201D} and I still hear it."
        #expect(Self.categories(told, .harmed).isEmpty, "\(Self.categories(told, .harmed))")
        let relayed = "My cousin said \"my brothers will find you and sort you out\" and he meant it."
        #expect(Self.categories(relayed, .responsible).contains("intimidation"))
        let number = "You said \"ring me on 07700 900123\" but I never did."
        #expect(Self.categories(number, .harmed).contains("contact-details"))
    }

    @Test func whoWritesDecidesWhatBlamesAndWhatIsAnAccount() {
        let account = "You started it and you knew what you did."
        #expect(Self.categories(account, .harmed).isEmpty)
        #expect(Self.categories(account, .responsible).contains("victim-blaming"))
        // With no role known, every rule applies (fail closed).
        #expect(Self.categories(account, nil).contains("victim-blaming"))
    }

    /// What a letter's findings add up to: another person in a sentence that
    /// warns or knows of the recipient is a third party brought in; a number
    /// given is a way to be reached; an apology the letter takes back is
    /// none; a place named in a warning says where the recipient can be found.
    @Test(arguments: [
        ("My brother says you still park your cab on the rank by the station most nights.", "third-party"),
        ("A friend of mine tells me your daughter has started at the nursery on Elm Grove.", "third-party"),
        ("Text me on 07700 900123 and we can sort it.", "contact-request"),
        ("I'm sorry for the scratch on your car. It was basically a key mark, it polishes out.", "non-apology"),
        ("My cousins have not forgotten, and they know what time you leave the yard on Canal Road.", "location"),
    ])
    func whatFindingsAddUpToIsSeen(text: String, category: String) {
        #expect(Self.categories(text).contains(category), "\(Self.categories(text))")
    }

    @Test(arguments: [
        ("I'd had a terrible week at work and I just snapped.", "excuse"),
        ("It was one punch and you went down awkward.", "minimisation"),
        ("To be fair you did leave the side gate wide open that night.", "victim-blaming"),
        ("Could you tell your insurer the dent was already there?", "pressure"),
        ("If you felt able to drop a line to my manager saying you have no concerns, I could go back.", "pressure"),
        ("Keep that cab nice and clean, you never know who's getting in the back at that time of night.", "intimidation"),
        ("You're a gutless little rat and everyone round here knows it.", "abusive-language"),
        ("He'd been drinking more than he should. That's not an excuse, but it is the reason.", "excuse"),
        ("His mum has asked me to say she would like to speak to you herself.", "third-party"),
        ("You know the Red Lion. I'm in there Fridays from five.", "contact-request"),
        ("You got the worst of it because you reacted, that's how the internet works.", "victim-blaming"),
        ("Your son gave as good as he got by all accounts.", "victim-blaming"),
        ("I'm sorry, but to be fair you did park across my drive every night for a month.", "victim-blaming"),
        ("I want to be clear I'm not threatening anyone. I'm just letting you know how things are.", "intimidation"),
        ("His appeal is on the 3rd of March. I'd keep that date in mind if I was you.", "intimidation"),
        ("Here's the impact, you pathetic waste of oxygen.", "abusive-language"),
    ])
    func moreOfEachKindIsSeen(text: String, category: String) {
        #expect(Self.categories(text).contains(category), "\(Self.categories(text))")
    }

    /// The same parts in honest company: family mentioned without a warning,
    /// an apology that stands, a cause owned, a harm told in full, a reply
    /// left to the recipient.
    @Test(arguments: [
        "My mum has taken my phone off me, and I have had a lot of time to think.",
        "I'm sorry for the damage to your car. I will pay for all of it and it was my fault.",
        "I'd had a terrible week, but nobody made me do it and I take responsibility.",
        "It was one punch, but it broke your jaw and I know that now.",
        "If you would be happy to meet, you could let the facilitator know.",
        "You'd done nothing to deserve a grown man screaming at you in front of your little girl.",
        "I was a coward that night and I behaved like a thug.",
        "I wanted to tell you what I'm doing now, not as an excuse but because you asked.",
        "At the police station I said you pushed me first. That was a lie.",
        "I'm at the launderette every day, as I have been for years. If you want to say anything to me, the youth worker can pass it on.",
        "You hit my son with a bottle and left him lying on the grass.",
        "I'm sorry. But I know sorry isn't enough, and it doesn't give you back the sense of safety you had before.",
    ])
    func honestCompanyRaisesNothing(text: String) {
        #expect(Self.categories(text).isEmpty, "\(Self.categories(text))")
    }

    /// A rule with `beside` counts only where a finding of the kind named stands in reach.
    @Test func aBesideRuleCountsOnlyBesideItsKind() throws {
        let rules = try RuleSet.parse("""
            - id: warn
              category: intimidation
              severity: warn
              patterns: ["keep an eye on you"]
              explanation: A warning.
            - id: uncle
              category: third-party
              severity: warn
              sentence: ["my uncle"]
              beside: [intimidation]
              explanation: Someone else brought in.
            - id: sorry-undone
              category: non-apology
              severity: warn
              sentence: ["sorry"]
              beside: [intimidation]
              beside_in: letter
              explanation: Taken back.
            """, file: "test.yml")
        let screener = Screener(rules: rules)
        func found(_ text: String) -> Set<String> { Set(screener.screen(text).findings.map(\.rule)) }
        #expect(found("My uncle will keep an eye on you.") == ["warn", "uncle"])
        #expect(found("My uncle sends his love. He will keep an eye on you.") == ["warn"])
        #expect(found("My uncle sends his love.").isEmpty)
        #expect(found("I am sorry. I will keep an eye on you.") == ["warn", "sorry-undone"])
        #expect(found("I am sorry.").isEmpty)
        #expect(throws: RuleFileError.self) {
            try RuleSet.parse("- id: x\n  category: third-party\n  severity: warn\n  sentence: [\"a\"]\n  beside_in: page\n  beside: [pressure]\n  explanation: x", file: "t.yml")
        }
    }

    /// A supporter or parent may write for either side: a letter that tells the
    /// recipient what they did, and never what the writer's own did to them,
    /// is written for the person harmed and read as their account.
    @Test func whichSideASupporterWritesFromIsReadFromWhoDidWhat() {
        let account = "I'm his grandma. For months you and two other boys took his dinner money and kept calling him names about his weight."
        #expect(Self.categories(account, .supporter).isEmpty, "\(Self.categories(account, .supporter))")
        #expect(Self.categories(account, .parentCarer).isEmpty)
        // The person responsible's own letter is read as theirs, whatever it tells.
        #expect(Self.categories(account, .responsible).contains("victim-blaming"))
        // A parent who owns what their son did, then turns it on the recipient, writes for their son.
        let blame = "I'm his mum. What my son did to you was wrong. But for months you and two other boys took his dinner money and kept calling him names about his weight."
        #expect(Self.categories(blame, .parentCarer).contains("victim-blaming"))
        // An injury the recipient suffered is not a harm they did.
        let injury = "I'm his sister. He is sorry for pushing you over. He knows you broke your wrist."
        #expect(!Side.forTheHarmed(ScannedText(injury), sentences: SentenceMatcher.sentences(ScannedText(injury)), role: .supporter))
    }

    /// A finding of several categories is stored with them; one of a single category as it always was.
    @Test func aFindingKeepsItsCategoriesWhenStored() throws {
        let findings = Self.screener.screen("Text me on 07700 900123.").findings
        let phone = try #require(findings.first { $0.rule == "contact-phone" })
        #expect(phone.categories == [.contactDetails, .contactRequest])
        let stored = try JSONEncoder().encode(phone)
        #expect(try JSONDecoder().decode(ScreeningFinding.self, from: stored) == phone)
        var single = phone
        single.also = []
        let plain = String(decoding: try JSONEncoder().encode(single), as: UTF8.self)
        #expect(!plain.contains("also"))
        #expect(try JSONDecoder().decode(ScreeningFinding.self, from: Data(plain.utf8)).also.isEmpty)
    }

    @Test func aFindingSaysWhyAndNamesTheGuidance() {
        let result = Self.screener.screen("Could you tell the police it was all a misunderstanding?",
                                          context: ScreeningContext(writerRole: .responsible))
        let finding = try? #require(result.findings.first { $0.rule == "pressure-justice" })
        #expect(finding?.explanation.contains("justice process") == true)
        #expect(finding?.reference.hasPrefix("BPG 2011 §3d.10") == true)
        #expect(result.verdict == .block)
        #expect(Verdict.noneFound.words == "no concerns found: read it in full")
        #expect(Verdict.noneFound.reported == "none-found")
    }
}
