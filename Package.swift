// swift-tools-version:6.0
import PackageDescription
import Foundation

/// Qt 5's header folders (Debian puts them under the architecture's triple), for
/// KSyntaxHighlighting's headers; found here rather than through pkg-config, whose -D flags
/// SwiftPM refuses with a warning.
let qtIncludeFlags: [String] = {
    let triples = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/include")) ?? []
    // SwiftPM caches this evaluation: when the manifest was first read before `make deps`
    // installed Qt, the folder Debian uses for this architecture still stands.
    #if arch(arm64)
    let debian = "/usr/include/aarch64-linux-gnu/qt5"
    #else
    let debian = "/usr/include/x86_64-linux-gnu/qt5"
    #endif
    let qt = triples.sorted().map({ "/usr/include/\($0)/qt5" }).first(where: { FileManager.default.fileExists(atPath: $0 + "/QtCore") }) ?? debian
    return ["-I" + qt, "-I" + qt + "/QtCore", "-I" + qt + "/QtGui"]
}()

let package = Package(
    name: "Scribbles",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "scribbles", targets: ["scribbles"]),
        // Loaded at run time, next to the executable, on the first code block to colour.
        .library(name: "ScribblesSyntax", type: .dynamic, targets: ["CSyntaxHighlight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Debian's libcmark-gfm and its GFM extensions; only ScribblesMarkdown/CmarkConverter imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's ncursesw; only ScribblesTerminal/CursesBackend imports it.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // KDE's KSyntaxHighlighting behind a C function; built as the ScribblesSyntax library.
        .target(
            name: "CSyntaxHighlight",
            cxxSettings: [.unsafeFlags(["-fPIC", "-I/usr/include/KF5/KSyntaxHighlighting"] + qtIncludeFlags)],
            linkerSettings: [.linkedLibrary("KF5SyntaxHighlighting"), .linkedLibrary("Qt5Gui"), .linkedLibrary("Qt5Core")]
        ),
        // Cell widths per grapheme, semantic styles, spans and styled lines.
        .target(name: "ScribblesText"),
        // The Markdown model: cmark-gfm conversion, GitBook tags, HTML, front matter, Document.
        .target(
            name: "ScribblesMarkdown",
            dependencies: ["CCmarkGFM", "ScribblesText", .product(name: "Yams", package: "Yams")]
        ),
        // Code colouring: the loader of the ScribblesSyntax library and the language names.
        .target(name: "ScribblesHighlight", dependencies: ["ScribblesText"]),
        // layout(document, width) -> RenderedNote.
        .target(name: "ScribblesLayout", dependencies: ["ScribblesMarkdown", "ScribblesText"]),
        // A collection of notes: root, table of contents, link resolution, backlinks, checks.
        .target(
            name: "ScribblesVault",
            dependencies: ["ScribblesMarkdown", "ScribblesText", .product(name: "Yams", package: "Yams")]
        ),
        // Keyword search: an SQLite FTS5 index (through GRDB), queries, snippets.
        .target(
            name: "ScribblesSearch",
            dependencies: ["ScribblesVault", "ScribblesMarkdown", "ScribblesText", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The interactive reader, pure: AppState, update(state, event) -> [Effect], render(state).
        .target(
            name: "ScribblesApp",
            dependencies: ["ScribblesLayout", "ScribblesMarkdown", "ScribblesText", "ScribblesVault", "ScribblesSearch"]
        ),
        // The user's config file (TOML): theme, keys, list width, default collection.
        .target(
            name: "ScribblesConfig",
            dependencies: ["ScribblesApp", "ScribblesText", "ScribblesVault", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The run loop, the effect interpreter, file watching and the ncurses backend.
        .target(
            name: "ScribblesTerminal",
            dependencies: ["CNcursesw", "ScribblesApp", "ScribblesConfig", "ScribblesHighlight", "ScribblesLayout", "ScribblesMarkdown", "ScribblesText",
                           "ScribblesVault", "ScribblesSearch"]
        ),
        // The command line.
        .executableTarget(
            name: "scribbles",
            dependencies: [
                "ScribblesLayout", "ScribblesMarkdown", "ScribblesText", "ScribblesVault", "ScribblesSearch", "ScribblesApp", "ScribblesTerminal",
                "ScribblesConfig", "ScribblesHighlight", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (Debian's libmimalloc-dev) in place of glibc's allocator, in release builds:
            // a Markdown model is millions of small allocations, freed across threads, and with
            // it `render` of a long note takes a fifth less time (DECISIONS.md). Debug and
            // sanitizer builds keep glibc's, which ASan and valgrind replace.
            linkerSettings: [.linkedLibrary("mimalloc", .when(configuration: .release))]
        ),
        // What the fuzz targets check on one input; also used to replay saved crashers in tests.
        .target(
            name: "ScribblesFuzzChecks",
            dependencies: ["ScribblesLayout", "ScribblesMarkdown", "ScribblesSearch", "ScribblesText", "ScribblesVault"],
            path: "Fuzz/Checks"
        ),
        .testTarget(name: "ScribblesTextTests", dependencies: ["ScribblesText"]),
        .testTarget(name: "ScribblesMarkdownTests", dependencies: ["ScribblesMarkdown"]),
        .testTarget(name: "ScribblesVaultTests", dependencies: ["ScribblesVault", "ScribblesMarkdown"]),
        .testTarget(name: "ScribblesAppTests", dependencies: ["ScribblesApp", "ScribblesText", "ScribblesVault", "ScribblesSearch", "ScribblesMarkdown"], exclude: ["__Frames__"]),
        .testTarget(name: "ScribblesHighlightTests", dependencies: ["ScribblesHighlight", "ScribblesLayout", "ScribblesMarkdown", "ScribblesText"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "ScribblesConfigTests", dependencies: ["ScribblesConfig", "ScribblesApp", "ScribblesText"]),
        .testTarget(name: "ScribblesSearchTests", dependencies: ["ScribblesSearch", "ScribblesVault", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "ScribblesHardeningTests",
            dependencies: ["ScribblesFuzzChecks", "ScribblesLayout", "ScribblesMarkdown", "ScribblesSearch", "ScribblesText",
                           "ScribblesVault", "ScribblesApp", "ScribblesTerminal", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ScribblesLayoutTests",
            dependencies: ["ScribblesLayout", "ScribblesMarkdown", "ScribblesText", "ScribblesVault"],
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

// The libFuzzer executable, declared only for `make fuzz` (Scripts/fuzz.sh sets SCRIBBLES_FUZZ=1
// and builds it with -sanitize=fuzzer,address): without libFuzzer's main it cannot link, so an
// ordinary build must not see it.
if ProcessInfo.processInfo.environment["SCRIBBLES_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "ScribblesFuzzer", dependencies: ["ScribblesFuzzChecks"], path: "Fuzz/Fuzzer",
                                             swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "ScribblesFuzzer", targets: ["ScribblesFuzzer"]))
}
