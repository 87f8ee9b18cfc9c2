import Dispatch

/// CPU work within one note on all cores: the pieces of a long note parsed, its blocks laid out
/// (issue 16). Not for work that may stall on a file or on hostile input: that is
/// `ParallelWork`'s, which gives up on a stalled worker; every call here waits for all of its
/// work, which is only ever bounded computation on bytes already in memory.
public enum Parallel {
    /// `work(i)` for every `i` in `0..<count`, in order, spread over the cores (one core, or a
    /// count of one, runs them on the caller's thread).
    public static func map<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [work(0)] : [] }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes its own slot only; concurrentPerform returns after all of them.
        let base = UncheckedSendable(slots.baseAddress!)
        withoutActuallyEscaping(work) { work in
            let job = UncheckedSendable(work)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (base.value + index).pointee = job.value(index)
            }
        }
        return slots.map { $0! }
    }
}

extension Parallel {
    /// `work` of each run of `run` consecutive elements (the last may be shorter), in order,
    /// spread over the cores: a pass over a long note's blocks or lines.
    public static func mapRuns<Element, T>(_ elements: [Element], run: Int, _ work: (ArraySlice<Element>) -> T) -> [T] {
        let runs = elements.isEmpty ? 0 : (elements.count - 1) / run + 1
        return map(runs) { index in work(elements[(index * run)..<min(elements.count, index * run + run)]) }
    }

    /// `a()` and `b()` at once, on two cores when there are two.
    public static func both<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        var second: B? = nil
        let first = withUnsafeMutablePointer(to: &second) { slot in
            let out = UncheckedSendable(slot)
            return map(2) { index -> A? in
                if index == 0 { return a() }
                out.value.pointee = b()
                return nil
            }[0]!
        }
        return (first, second!)
    }
}

/// A value handed to the threads of one `Parallel.map`, which the caller keeps alive and
/// whose parts each thread uses without overlap.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
