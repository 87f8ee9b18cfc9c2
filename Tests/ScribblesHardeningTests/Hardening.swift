import Testing

/// The hardening tests (issue 6): fuzz crashers replayed, the hostile collection through
/// every command, the reader on a test backend and on a pseudo-terminal, crash recovery and
/// the search cache's survival. Serialized: they run whole processes, some of them large,
/// and must not compete with each other for the machine's two cores.
@Suite(.serialized) enum Hardening {}

struct PseudoTerminalUnavailable: Error, CustomStringConvertible {
    var description: String { "cannot open a pseudo-terminal here" }
}
