import Dispatch
import Glibc
import ScribblesApp
import ScribblesVault
import Synchronization

/// Watches a collection's folders with inotify and reports changed notes, a burst at a time
/// (editors write a file in several steps). Without inotify the reader simply does not
/// live-reload; `r` still does.
public final class FileWatcher: Sendable {
    private let descriptor: Int32
    private let folders = Mutex<[Int32: String]>([:])
    private let stopped = Atomic<Bool>(false)

    /// Starts watching every folder of `vault` (up to `limit`); nil when inotify is unavailable.
    public init?(vault: Vault, limit: Int = 4096, post: @escaping @Sendable (Event) -> Void) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        watch(vault, limit: limit)
        let thread = DispatchQueue(label: "scribbles.watch", qos: .utility)
        thread.async { [self] in loop(post: post) }
    }

    /// Watches the folders of a reopened collection (new folders included).
    public func watch(_ vault: Vault, limit: Int = 4096) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
        let root = vault.location.rootDisplay
        var map: [Int32: String] = [:]
        for folder in vault.index.folders.sorted().prefix(limit) {
            let path = folder.isEmpty ? root : root + "/" + folder
            let wd = inotify_add_watch(descriptor, path, mask)
            if wd >= 0 { map[wd] = folder }
        }
        folders.withLock { $0.merge(map) { _, new in new } }
    }

    public func stop() {
        if !stopped.exchange(true, ordering: .relaxed) { close(descriptor) }
    }

    private func loop(post: @Sendable (Event) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var changed: Set<String> = []
        var structure = false
        while !stopped.load(ordering: .relaxed) {
            // Wait for a first event without limit, then gather the burst for 150 ms.
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, changed.isEmpty && !structure ? -1 : 150)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return }
            if ready == 0 {
                post(.filesChanged(paths: changed, structure: structure))
                changed.removeAll()
                structure = false
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { if errno == EINTR { continue } else { return } }
            parse(buffer, count: count, changed: &changed, structure: &structure)
        }
    }

    private func parse(_ buffer: [UInt8], count: Int, changed: inout Set<String>, structure: inout Bool) {
        let known = folders.withLock { $0 }
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            offset += header + length
            guard let folder = known[wd] else { continue }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let path = folder.isEmpty ? name : folder + "/" + name
            let isFolder = mask & UInt32(IN_ISDIR) != 0
            if mask & UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) != 0 {
                if isFolder || VaultIndex.isMarkdown(name) { structure = true }
            }
            if !isFolder { changed.insert(path) }
        }
    }
}
