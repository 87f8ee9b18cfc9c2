import Yams

/// YAML read within budgets, for front matter and `.gitbook.yaml`: the text is at most
/// `maxBytes`, and with its aliases expanded at most `maxValues` values, 64 deep.
///
/// Composing shares an alias's node, so it is linear; building values from the result (and
/// walking them) is not: a 362-byte "billion laughs" expands to 10⁹ values. So the expanded
/// size is counted first, stopping at the budget, and only a document within it is used.
public enum BoundedYAML {
    public struct OverBudget: Error {}

    static let maxDepth = 64

    /// The document's root node (nil for an empty one), or a failure when it is invalid YAML
    /// or over a budget.
    public static func compose(_ text: String, maxBytes: Int, maxValues: Int) -> Result<Node?, Error> {
        guard text.utf8.count <= maxBytes else { return .failure(OverBudget()) }
        do {
            guard let node = try Yams.compose(yaml: text) else { return .success(nil) }
            var budget = maxValues
            guard fits(node, depth: 0, budget: &budget) else { return .failure(OverBudget()) }
            return .success(node)
        } catch {
            return .failure(error)
        }
    }

    /// The document as Swift values (`[String: Any]`, arrays, strings…), within the budgets.
    public static func load(_ text: String, maxBytes: Int, maxValues: Int = 10_000) -> Any? {
        guard case .success(let node?) = compose(text, maxBytes: maxBytes, maxValues: maxValues) else { return nil }
        return node.any
    }

    /// Whether `node`, aliases expanded, holds no more values than `budget` (which it spends)
    /// and nests no deeper than `maxDepth`, with only text as mapping keys: Yams builds a
    /// dictionary by force-unwrapping each key as a string, so `? - a` (a list as a key)
    /// would crash the process (found by the cost fuzzer). Stops at the first of these.
    private static func fits(_ node: Node, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0, depth <= maxDepth else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let sequence):
            for item in sequence where !fits(item, depth: depth + 1, budget: &budget) { return false }
            return true
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard case .scalar = key, fits(key, depth: depth + 1, budget: &budget), fits(value, depth: depth + 1, budget: &budget) else { return false }
            }
            return true
        }
    }
}
