// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Scribbles",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "scribbles", targets: ["scribbles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Debian's libcmark-gfm and its GFM extensions; only ScribblesMarkdown/CmarkConverter imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Cell widths per grapheme, semantic styles, spans and styled lines.
        .target(name: "ScribblesText"),
        // The Markdown model: cmark-gfm conversion, GitBook tags, HTML, front matter, Document.
        .target(
            name: "ScribblesMarkdown",
            dependencies: ["CCmarkGFM", "ScribblesText", .product(name: "Yams", package: "Yams")]
        ),
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
        // The command line.
        .executableTarget(
            name: "scribbles",
            dependencies: [
                "ScribblesLayout", "ScribblesMarkdown", "ScribblesText", "ScribblesVault", "ScribblesSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ScribblesTextTests", dependencies: ["ScribblesText"]),
        .testTarget(name: "ScribblesMarkdownTests", dependencies: ["ScribblesMarkdown"]),
        .testTarget(name: "ScribblesVaultTests", dependencies: ["ScribblesVault", "ScribblesMarkdown"]),
        .testTarget(name: "ScribblesSearchTests", dependencies: ["ScribblesSearch", "ScribblesVault"]),
        .testTarget(
            name: "ScribblesLayoutTests",
            dependencies: ["ScribblesLayout", "ScribblesMarkdown", "ScribblesText"],
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
