import ScribblesLayout
import ScribblesMarkdown
import ScribblesVault

/// A note seen from its collection: what its page-refs and mentions point at.
struct NoteContext {
    let vault: Vault
    let note: String

    /// The collection around `file`, or nil when it cannot be opened (the note still renders).
    init?(file: String) {
        guard let vault = try? Vault(opening: file), let note = vault.location.openedNote else { return nil }
        self.vault = vault
        self.note = note
    }

    /// The target's title and description for a page-ref or content-ref card.
    func card(_ destination: String) -> CardInfo? {
        guard case .note(let target, _) = vault.resolver.resolve(destination, from: note) else { return nil }
        return CardInfo(title: vault.title(of: target), description: vault.head(of: target)?.description)
    }

    /// The target's title for a mention link.
    func title(_ destination: String) -> String? {
        guard case .note(let target, _) = vault.resolver.resolve(destination, from: note) else { return nil }
        return vault.title(of: target)
    }

    /// The note's own title in its collection (H1, front-matter title, SUMMARY label or name).
    var title: String { vault.title(of: note) }

    /// The document with its includes inlined from the collection.
    func expandingIncludes(_ document: Document) -> Document {
        vault.expandingIncludes(document, from: note)
    }
}
