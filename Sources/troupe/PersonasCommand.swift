import ArgumentParser
import Foundation
import TroupeCore
import TroupeShell

/// `troupe personas list|validate`.
struct PersonasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personas", abstract: "List or validate persona files.",
        subcommands: [List.self, Validate.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the personas this folder loads, with their source.")

        func run() throws {
            let catalog = SessionFactory(options: SessionOptions()).loadPersonas()
            let width = catalog.personas.map(\.name.count).max() ?? 4
            for persona in catalog.personas {
                let name = persona.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let role = persona.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                print(TerminalSanitizer.clean("\(name)  \(role)  \(persona.description)"))
                print(TerminalSanitizer.clean(String(repeating: " ", count: width + 2) + "source: \(persona.source.description)"))
            }
            for problem in catalog.problems {
                printError("skipped: \(problem.error.errorDescription ?? problem.path)")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check persona files and print what loading them noticed; exit 1 if any is broken.",
            discussion: "With no files, checks every persona folder this directory loads.")

        @Argument(help: "Persona files to check.")
        var files: [String] = []

        func run() throws {
            var problems: [String] = []
            var loaded: [Persona] = []
            if files.isEmpty {
                let catalog = SessionFactory(options: SessionOptions()).loadPersonas()
                loaded = catalog.personas.filter { $0.source != .builtin }
                problems = catalog.problems.map { $0.error.errorDescription ?? $0.path }
            } else {
                for file in files {
                    do {
                        let text = try String(contentsOfFile: file, encoding: .utf8)
                        loaded.append(try PersonaParser.parse(text, path: file, source: .project(path: file)))
                    } catch let error as PersonaError {
                        problems.append(error.errorDescription ?? file)
                    } catch {
                        problems.append("\(file): cannot read: \(error.localizedDescription)")
                    }
                }
            }
            var warned = 0
            for persona in loaded {
                let notes = Self.notes(on: persona)
                if !notes.isEmpty { warned += 1 }
                notes.forEach { printError("\(persona.source.description): warning: \($0)") }
            }
            problems.forEach { printError($0) }
            print("\(loaded.count) valid (\(warned) with warnings), \(problems.count) broken")
            if !problems.isEmpty { throw ExitCode(1) }
        }

        /// What loading `persona` noticed, and the `tools` entries Troupe has nothing for.
        static func notes(on persona: Persona) -> [String] {
            let unavailable = persona.toolGrants.filter { $0.target == .unavailable }.map(\.written)
            return persona.warnings
                + (unavailable.isEmpty ? [] : ["tools Troupe does not have, left out: \(unavailable.joined(separator: ", "))"])
        }
    }
}

/// Writes `line` to standard error, cleaned of anything a terminal would act on.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((TerminalSanitizer.clean(line) + "\n").utf8))
}
