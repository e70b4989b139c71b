import Foundation
import TroupeFuzzTargets

// `troupe-fuzz`: built with `-sanitize=fuzzer,address` (scripts/fuzz), libFuzzer's driver runs the
// target named by TROUPE_FUZZ_TARGET over a corpus folder; built normally, it runs each input file
// given once through a target (`troupe-fuzz TARGET FILE…`), to replay what a fuzzer found.

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
typealias RunDriver =
    @convention(c) (
        UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, FuzzCallback
    ) -> CInt

let environment = ProcessInfo.processInfo.environment
nonisolated(unsafe) var selected = FuzzTarget.sse

/// libFuzzer's entry point (its archive needs the symbol): one input through the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

if let symbol = dlsym(dlopen(nil, RTLD_NOW), "LLVMFuzzerRunDriver") {
    guard let name = environment["TROUPE_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(
            Data("set TROUPE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    selected = target
    let driver = unsafeBitCast(symbol, to: RunDriver.self)
    var count = CommandLine.argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(
        driver(&count, &arguments) { data, size in fuzzOne(data, size) })
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
    FileHandle.standardError.write(
        Data(
            "usage: troupe-fuzz TARGET FILE… (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))\n".utf8))
    exit(2)
}
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    target.run(data)
    print("ok  \(path)")
}
