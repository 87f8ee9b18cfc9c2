#if canImport(Glibc)
import Glibc
#endif

/// Phase timings for `SCRIBBLES_TIMING=1`, printed to stderr (used by `make bench`).
struct Stopwatch {
    private var last = Stopwatch.now()
    private var phases: [(String, Double)] = []
    let enabled = Terminal.environment("SCRIBBLES_TIMING") != nil

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }

    /// Ends the current phase under `name`.
    mutating func lap(_ name: String) {
        guard enabled else { return }
        let t = Stopwatch.now()
        // A phase met again (a note parsed in pieces) adds up.
        if let index = phases.firstIndex(where: { $0.0 == name }) { phases[index].1 += t - last } else { phases.append((name, t - last)) }
        last = t
    }

    func report() {
        guard enabled else { return }
        var stderr = StandardError()
        let text = phases.map { "\($0.0) \(String(Int($0.1 * 10) / 10)).\(Int($0.1 * 10) % 10) ms" }.joined(separator: ", ")
        print("timing: " + text, to: &stderr)
    }
}
