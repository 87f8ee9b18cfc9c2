import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Work over many notes on all cores that one note cannot stall (issue 13).
///
/// Workers take the next note from a shared counter, so a note that takes long holds one
/// worker, not a share of the others' notes. When nothing has finished for `patience` seconds
/// while work is still out, the caller stops waiting: the notes still in hand come back as
/// nil (their workers go on in the background and their results are dropped). A thread
/// cannot be stopped, but the collection is not held up by it: `check` and `index` end, and
/// the reader's contents appear.
public enum ParallelWork {
    /// `work(i)` for every `i` in `0..<count`, in order; nil for those given up on.
    public static func map<T: Sendable>(_ count: Int, workers: Int = max(1, System.coreCount), patience: Double = 5,
                                        _ work: @escaping @Sendable (Int) -> T) -> [T?] {
        guard count > 0 else { return [] }
        let state = Mutex(State<T>(results: Array(repeating: nil, count: count)))
        // The caller is woken once, by the last result: a wake per result cost a context
        // switch each on two cores (100 in a 100-folder walk).
        let done = DispatchSemaphore(value: 0)
        let startWorker = {
            DispatchQueue.global(qos: .userInitiated).async {
                while let index = state.withLock({ $0.take() }) {
                    let result = work(index)
                    if state.withLock({ $0.finish(index, result) }) { done.signal() }
                }
            }
        }
        for _ in 0..<min(workers, count) { startWorker() }
        var seen = 0, spares = 8
        var lastProgress = DispatchTime.now()
        // Waits in slices of a quarter of `patience` to see whether anything finished.
        while done.wait(timeout: .now() + patience / 4) == .timedOut {
            let (finished, untaken) = state.withLock { ($0.finished, $0.next < $0.results.count) }
            if finished > seen {
                seen = finished
                lastProgress = .now()
                continue
            }
            guard DispatchTime.now() >= lastProgress + patience else { continue }
            // Nothing finished for a while. Notes nobody has taken yet get a fresh worker;
            // when every one left is in hand, stop waiting for them.
            if spares > 0, untaken {
                spares -= 1
                startWorker()
                lastProgress = .now()
                continue
            }
            break
        }
        return state.withLock { $0.close() }
    }

    private struct State<T> {
        var results: [T?]
        var next = 0
        var finished = 0
        var closed = false

        mutating func take() -> Int? {
            guard !closed, next < results.count else { return nil }
            defer { next += 1 }
            return next
        }

        /// Stores a result; true for the last one.
        mutating func finish(_ index: Int, _ result: T) -> Bool {
            guard !closed else { return false }
            results[index] = result
            finished += 1
            return finished == results.count
        }

        mutating func close() -> [T?] {
            closed = true
            return results
        }
    }
}
