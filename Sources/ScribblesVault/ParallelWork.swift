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
        let done = DispatchSemaphore(value: 0)
        let startWorker = {
            DispatchQueue.global(qos: .userInitiated).async {
                while let index = state.withLock({ $0.take() }) {
                    let result = work(index)
                    state.withLock { $0.finish(index, result) }
                    done.signal()
                }
            }
        }
        for _ in 0..<min(workers, count) { startWorker() }
        var finished = 0
        var spares = 8
        while finished < count {
            if done.wait(timeout: .now() + patience) == .timedOut {
                // Nothing finished for a while. Notes nobody has taken yet get a fresh worker;
                // when every one left is in hand, stop waiting for them.
                if spares > 0, state.withLock({ $0.next < $0.results.count }) {
                    spares -= 1
                    startWorker()
                    continue
                }
                return state.withLock { $0.close() }
            }
            finished += 1
        }
        return state.withLock { $0.close() }
    }

    private struct State<T> {
        var results: [T?]
        var next = 0
        var closed = false

        mutating func take() -> Int? {
            guard !closed, next < results.count else { return nil }
            defer { next += 1 }
            return next
        }

        mutating func finish(_ index: Int, _ result: T) {
            if !closed { results[index] = result }
        }

        mutating func close() -> [T?] {
            closed = true
            return results
        }
    }
}
