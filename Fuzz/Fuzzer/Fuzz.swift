// The libFuzzer executable: SCRIBBLES_FUZZ_TARGET (markdown, links, search or cost) picks which of
// FuzzChecks it runs (see Fuzz/Checks). Built only by `make fuzz` (Scripts/fuzz.sh), with
// -sanitize=fuzzer,address.
import Glibc
import ScribblesFuzzChecks

private let check: @Sendable ([UInt8]) -> String? = {
    switch getenv("SCRIBBLES_FUZZ_TARGET").map({ String(cString: $0) }) {
    case "markdown": return FuzzChecks.markdown
    case "links": return FuzzChecks.links
    case "search": return FuzzChecks.search
    case "cost": return FuzzChecks.cost
    default: fatalError("set SCRIBBLES_FUZZ_TARGET to markdown, links, search or cost")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let problem = check(Array(UnsafeBufferPointer(start: data, count: size))) { fatalError(problem) }
    return 0
}

// SwiftPM links an executable's entry point as `<target>_main`; hand control to libFuzzer.
@_cdecl("ScribblesFuzzer_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data!, size) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
