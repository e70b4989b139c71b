import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore
@testable import TroupeTools

/// `outline` — the declarations of each language's files with their lines and nesting, comments and
/// string literals not read as code, and the tool over a folder: its headline, order, limit and
/// the files it passes over.
@Suite struct OutlineToolTests {
    /// The declarations of `source` as `line kind name` rows, indented two spaces per depth.
    func rows(_ source: String, _ fileExtension: String) throws -> [String] {
        try declarations(source, fileExtension).map {
            "\($0.line) \(String(repeating: "  ", count: $0.depth))\($0.kind.rawValue) \($0.name)"
        }
    }

    func declarations(_ source: String, _ fileExtension: String) throws -> [Declaration] {
        let scanner = try #require(OutlineScanner(fileExtension: fileExtension))
        return scanner.outline(Array(source.utf8)).declarations
    }

    @Test func swiftTypesAndFunctionsNestedByBracesNotCommentsOrStrings() throws {
        let source = #"""
            import Foundation

            /// A shape. // func fake()
            @MainActor
            public final class Shape: Equatable {
                static let label = "class Fake {"
                private(set) var sides: Int

                public init(sides: Int) {
                    self.sides = sides
                    func helper() {}
                }

                class func make() -> Shape { Shape(sides: 3) }

                func area(
                    scale: Double
                ) -> Double {
                    0
                }
            }

            extension Shape: CustomStringConvertible {
                var description: String { "struct Hidden {}" }
                static func == (lhs: Shape, rhs: Shape) -> Bool { lhs.sides == rhs.sides }
            }

            /* func commented() {
               } */
            enum Kind: String { case a, b }
            protocol Drawing {
                func draw()
            }
            func free<T>(_ value: T) async throws -> T { value }
            typealias Handler = () -> Void
            """#
        #expect(
            try rows(source, "swift") == [
                "5 class Shape", "9   initializer init", "14   method make", "16   method area", "23 extension Shape",
                "25   method ==", "30 enum Kind", "31 protocol Drawing", "32   method draw", "34 function free",
                "35 type Handler",
            ])
        #expect(
            try declarations(source, "swift").map(\.signature) == [
                "public final class Shape: Equatable", "public init(sides: Int)",
                "class func make() -> Shape { Shape(sides: 3) }", "func area(scale: Double) -> Double",
                "extension Shape: CustomStringConvertible",
                "static func == (lhs: Shape, rhs: Shape) -> Bool { lhs.sides == rhs.sides }",
                "enum Kind: String { case a, b }", "protocol Drawing", "func draw()",
                "func free<T>(_ value: T) async throws -> T { value }", "typealias Handler = () -> Void",
            ])
    }

    @Test func pythonClassesAndFunctionsNestedByIndentation() throws {
        let source = #"""
            import os

            # def commented(): pass
            class Base:
                """Docstring with def fake(): and class Fake:"""

                def __init__(self, name):
                    self.name = name

                @property
                def label(self):
                    def inner():
                        return "def hidden():"
                    return inner()

                async def fetch(
                    self,
                    url: str,
                ) -> bytes:
                    text = """
            def not_a_function():
                pass
            """
                    return text

                class Meta:
                    ordering = ["name"]

            def main():
                pass

            async def run(): return 1
            """#
        #expect(
            try rows(source, "py") == [
                "4 class Base", "7   method __init__", "11   method label", "16   method fetch", "26   class Meta",
                "29 function main", "32 function run",
            ])
        let signatures = try declarations(source, "py").map(\.signature)
        #expect(signatures[3] == "async def fetch(self, url: str) -> bytes")
        #expect(signatures[6] == "async def run(): return 1")
    }

    @Test func typeScriptClassesInterfacesAndFunctionValues() throws {
        let source = #"""
            import { readFile } from "fs";

            // function commented() {}
            const banner = "class Fake {";
            const pattern = /[{]/g;

            export interface Shape {
              area(): number;
              name?: string;
            }

            export type Point = { x: number; y: number };

            export enum Color { Red, Green }

            export default class Circle implements Shape {
              private radius = 1;
              static #count = 0;

              constructor(radius: number) {
                this.radius = radius;
                if (radius < 0) {
                  throw new Error(`bad ${radius} {`);
                }
              }

              area(): number {
                return Math.PI * this.radius ** 2;
              }

              get diameter() {
                return this.radius * 2;
              }

              onClick = (event: Event) => {
                console.log(event);
              };

              async *points(): AsyncGenerator<number> {
                yield 1;
              }
            }

            export async function load(path: string): Promise<string> {
              const helper = () => 1;
              return readFile(path, "utf8");
            }

            export const square = (n: number): number => n * n;

            namespace Geometry {
              export function distance(a: number, b: number) {
                return Math.abs(a - b);
              }
            }
            """#
        #expect(
            try rows(source, "ts") == [
                "7 interface Shape", "8   method area", "12 type Point", "14 enum Color", "16 class Circle",
                "20   initializer constructor", "27   method area", "31   method diameter", "35   method onClick",
                "39   method points", "44 function load", "49 function square", "51 namespace Geometry", "52   function distance",
            ])
        let signatures = try declarations(source, "tsx").map(\.signature)
        #expect(signatures[4] == "export default class Circle implements Shape")
        #expect(signatures[8] == "onClick = (event: Event) =>")
        #expect(signatures[11] == "export const square = (n: number): number => n * n")
    }

    @Test func goFunctionsMethodsAndTypesAlsoInAGroup() throws {
        let source = #"""
            package shapes

            import "fmt"

            // func Commented() {}
            type Shape interface {
                Area() float64
                fmt.Stringer
            }

            type Square struct {
                Side float64 // func Fake()
            }

            type (
                ID int
                Pair struct{ A, B int }
            )

            func (s *Square) Area() float64 {
                label := "func Hidden() {"
                _ = label
                return s.Side * s.Side
            }

            func New[T any](side float64) *Square {
                return &Square{Side: side}
            }

            var raw = `
            func NotReal() {
            `
            """#
        #expect(
            try rows(source, "go") == [
                "6 interface Shape", "7   method Area", "11 struct Square", "16 type ID", "17 struct Pair", "20 method Area",
                "26 function New",
            ])
        #expect(try declarations(source, "go")[5].signature == "func (s *Square) Area() float64")
    }

    @Test func rustItemsWithVisibilityLifetimesAndCharacterLiterals() throws {
        let source = #"""
            use std::fmt;

            /// A point. fn doc_fake() {}
            #[derive(Debug, Clone)]
            pub struct Point<'a> {
                pub label: &'a str,
            }

            pub(crate) enum Shape {
                Circle { radius: f64 },
                Square(f64),
            }

            pub trait Area {
                fn area(&self) -> f64;
            }

            impl<'a> fmt::Display for Point<'a> {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    let brace = '{';
                    write!(f, "{}", r#"fn raw() {"#)
                }
            }

            mod tests {
                #[test]
                async unsafe fn checks() {}
            }

            const fn twice(x: u32) -> u32 { x * 2 }
            type Meters = f64;
            """#
        #expect(
            try rows(source, "rs") == [
                "5 struct Point", "9 enum Shape", "14 trait Area", "15   method area", "18 impl fmt::Display for Point<'a>",
                "19   method fmt", "25 module tests", "27   function checks", "30 function twice", "31 type Meters",
            ])
        #expect(try declarations(source, "rs")[1].signature == "pub(crate) enum Shape")
    }

    @Test func cAndCppDefinitionsPrototypesAndMembers() throws {
        let source = #"""
            #include <vector>
            #define SQUARE(x) \
                ((x) * (x))

            namespace geo {

            // struct Commented { };
            struct Point {
                int x, y;
            };

            class Shape : public Base {
            public:
                Shape();
                virtual ~Shape();
                virtual double area() const = 0;
                std::vector<Point> points() const;
            private:
                int sides_ = 0;
            };

            typedef struct {
                const char *name;
            } Label;

            enum class Color : int { Red, Green };

            }  // namespace geo

            extern "C" {
            int legacy_sum(int a, int b);
            }

            geo::Shape::Shape() : sides_(0) {}

            static int
            helper(const char *text)
            {
                if (text == nullptr) {
                    return 0;
                }
                const char *brace = "{";
                return SQUARE(1);
            }

            int main(int argc, char **argv) {
                return helper(argv[0]);
            }
            """#
        #expect(
            try rows(source, "cpp") == [
                "5 namespace geo", "8   struct Point", "12   class Shape", "14     initializer Shape", "15     method ~Shape",
                "16     method area", "17     method points", "22   struct Label", "26   enum Color", "31 function legacy_sum",
                "34 initializer geo::Shape::Shape", "37 function helper", "46 function main",
            ])
        let signatures = try declarations(source, "hpp").map(\.signature)
        #expect(signatures[5] == "virtual double area() const = 0")
        #expect(signatures[12] == "int main(int argc, char **argv)")
    }

    @Test func cDeclarationsContinuedOverLinesAsSystemHeadersWriteThem() throws {
        let source = #"""
            __BEGIN_DECLS
            extern double strtod (const char *__restrict __nptr,
                                  char **__restrict __endptr)
                 __THROW __nonnull ((1));
            extern int atoi (const char *__nptr)
                 __THROW __attribute_pure__ __nonnull ((1)) __wur;
            static int
            main (int argc,
                  char **argv)
            {
              return 0;
            }
            int apply (int value,
                       int (*callback)(int)) {
              return callback (value);
            }
            """#
        #expect(try rows(source, "h") == ["2 function strtod", "5 function atoi", "8 function main", "13 function apply"])
    }

    @Test func javaTypesMethodsAndConstructors() throws {
        let source = #"""
            package shapes;

            import java.util.List;

            /** A shape. class Fake { */
            @SuppressWarnings("unchecked")
            public abstract class Shape implements Comparable<Shape> {
                private static final String NAME = "void fake() {";
                private final int sides;

                protected Shape(int sides) {
                    this.sides = sides;
                }

                public abstract double area();

                @Override
                public int compareTo(Shape other) {
                    if (other == null) {
                        return 1;
                    }
                    return Double.compare(area(), other.area());
                }

                public static <T extends Shape> List<T> sorted(List<T> shapes) {
                    Runnable r = () -> {
                        System.out.println("x");
                    };
                    return shapes;
                }

                interface Visitor {
                    void visit(Shape shape);
                }

                enum Kind {
                    ROUND("r"),
                    FLAT("f");

                    Kind(String code) {}
                }
            }

            record Pair(int left, int right) {}
            """#
        #expect(
            try rows(source, "java") == [
                "7 class Shape", "11   initializer Shape", "15   method area", "18   method compareTo", "25   method sorted",
                "32   interface Visitor", "33     method visit", "36   enum Kind", "40     initializer Kind", "44 record Pair",
            ])
        #expect(try declarations(source, "java")[4].signature == "public static <T extends Shape> List<T> sorted(List<T> shapes)")
    }

    @Test func aLanguageIsToldByTheExtensionAndAnUnknownOneHasNone() {
        let extensions = [
            "swift", "py", "js", "jsx", "mjs", "cjs", "ts", "tsx", "go", "rs", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "java",
            "SWIFT",
        ]
        for fileExtension in extensions {
            #expect(OutlineScanner(fileExtension: fileExtension) != nil, "\(fileExtension)")
        }
        #expect(OutlineScanner(fileExtension: "md") == nil)
        #expect(OutlineScanner(path: "/work/Makefile") == nil)
        #expect(OutlineScanner(path: "/work/.swift") == nil, "a hidden file's name is no extension")
        #expect(OutlineScanner(path: "/work/a.b/main.rs")?.language == .rust)
    }

    @Test func aFolderIsOutlinedFileByFileInPathOrderWithWhatWasPassedOver() async throws {
        let folder = try TemporaryFolder()
        try folder.write("src/b.py", "class B:\n    def run(self):\n        pass\n")
        try folder.write("src/a.swift", "struct A {\n    func one() {\n    }\n    func two() {\n    }\n}\n")
        try folder.write("src/notes.md", "# class Notes\n")
        try folder.write("src/blob.swift", "func binary() {}\u{0}\n")
        try folder.write("src/empty.go", "package empty\n")
        let tool = OutlineTool(workspace: Workspace(root: folder.url))
        let all = outputLines(await tool.run(arguments: .object(["path": .string("src")])))
        #expect(
            all == [
                "5 declarations in 2 files under src (3 source files read; 1 binary skipped; 1 file in other languages left out)",
                "src/a.swift (6 lines)", "  1  struct A", "  2    func one()", "  4    func two()",
                "src/b.py (3 lines)", "  1  class B", "  2    def run(self)",
            ])
        let limited = outputLines(await tool.run(arguments: .object(["path": .string("src"), "limit": .number(4)])))
        #expect(
            Array(limited.dropFirst()) == [
                "src/a.swift (6 lines)", "  1  struct A", "  2    func one()", "  4    func two()", "src/b.py (3 lines)",
                "  1  class B", "… 1 more declaration not shown (limit 4); outline a narrower path or raise limit",
            ])
        let fewer = outputLines(await tool.run(arguments: .object(["file_path": .string("src"), "limit": .number(2)])))
        #expect(fewer.count == 5)
        #expect(fewer.last == "… 3 more declarations not shown (limit 2); outline a narrower path or raise limit")
        let python = outputLines(await tool.run(arguments: .object(["path": .string("src"), "glob": .string("*.py")])))
        #expect(
            python == [
                "2 declarations in 1 file under src (1 source file read)", "src/b.py (3 lines)", "  1  class B",
                "  2    def run(self)",
            ])
    }

    @Test func aFileIsOutlinedWithLineNumbersAlignedToItsLength() async throws {
        let folder = try TemporaryFolder()
        let constants = (1...7).map { "    static let value\($0) = \($0)" }
        let source = ["import Foundation", "", "enum Config {"] + constants + ["    static func load() -> Int { value1 }", "}"]
        try folder.write("Sources/Config.swift", source.joined(separator: "\n") + "\n")
        let tool = OutlineTool(workspace: Workspace(root: folder.url))
        let output = await tool.run(arguments: .object(["path": .string("Sources/Config.swift")]))
        #expect(
            outputLines(output) == [
                "2 declarations in 1 file under Sources/Config.swift (1 source file read)", "Sources/Config.swift (12 lines)",
                "   3  enum Config", "  11    static func load() -> Int { value1 }",
            ])
        #expect(output.summary == "2 declarations in 1 file under Sources/Config.swift (1 source file read)")
        #expect(!output.isError)
    }

    @Test func aFileOfAnotherLanguageAndABadPathAreSaidSo() async throws {
        let folder = try TemporaryFolder()
        try folder.write("notes.md", "# class Notes {\n")
        let tool = OutlineTool(workspace: Workspace(root: folder.url))
        let notes = await tool.run(arguments: .object(["path": .string("notes.md")]))
        #expect(!notes.isError)
        let languages = "Swift, Python, JavaScript/TypeScript, Go, Rust, C/C++ and Java"
        #expect(notes.text.hasPrefix("notes.md has no outline: outline reads \(languages) (.c, .cc, .cjs, .cpp,"))
        let outside = await tool.run(arguments: .object(["path": .string("../elsewhere")]))
        #expect(outside.isError && outside.text.contains("outside the workspace"))
        let missing = await tool.run(arguments: .object(["path": .string("nope.swift")]))
        #expect(missing.isError && missing.text.contains("'nope.swift' does not exist"))
    }

    @Test func theToolIsAmongTheReadOnlyWorkspaceTools() throws {
        let folder = try TemporaryFolder()
        let names = WorkspaceTools.readOnly(Workspace(root: folder.url)).map(\.spec.name)
        #expect(names.contains("outline"))
        let tool = try #require(WorkspaceTools.readOnly(Workspace(root: folder.url)).first { $0.spec.name == "outline" })
        #expect(tool is OutlineTool)
    }
}
