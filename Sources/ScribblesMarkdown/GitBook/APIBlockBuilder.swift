/// Builds an API card from the `swagger` and legacy `api-method` families and OpenAPI references.
enum APIBlockBuilder {
    typealias Node = TagTreeBuilder.Node

    static func make(_ token: TagToken, _ nodes: [Node], flatten: ([Node]) -> [Block]) -> APIBlock {
        let a = token.attributes
        var block = APIBlock(
            method: (a["method"] ?? "").uppercased(), path: token.unescaped("path") ?? "",
            baseURL: token.unescaped("baseUrl") ?? token.unescaped("host") ?? "", summary: a["summary"] ?? "",
            source: "", description: [], parameters: [], responses: [])
        if let spec = a["spec"] {
            block.source = "spec \"\(spec)\""
        } else if let src = token.unescaped("src") {
            block.source = "from \(src)"
        }
        if token.name == "openapi-schemas" {
            block.summary = "Schemas: " + (a["schemas"] ?? "")
        }
        collect(nodes, group: "", into: &block, flatten: flatten)
        return block
    }

    private static func collect(_ nodes: [Node], group: String, into block: inout APIBlock, flatten: ([Node]) -> [Block]) {
        for node in nodes {
            switch node {
            case .block(let b):
                // OpenAPI references hold only a link to the spec: the card already names it.
                if block.source.isEmpty { block.description.append(b) }
            case .child(let token, let children):
                let a = token.attributes
                switch token.name {
                case "swagger-description", "api-method-description":
                    block.description.append(contentsOf: flatten(children))
                case "api-method-summary":
                    block.summary = TagBlocks.plainText(flatten(children))
                case "swagger-parameter", "api-method-parameter":
                    block.parameters.append(.init(
                        location: a["in"] ?? group, name: a["name"] ?? "", type: a["type"] ?? "",
                        isRequired: (a["required"] ?? "false").lowercased() == "true",
                        description: flatten(children)))
                case "swagger-response", "api-method-response-example":
                    let status = a["status"] ?? a["httpCode"] ?? ""
                    block.responses.append(.init(status: status, description: a["description"] ?? "",
                                                 blocks: flatten(children)))
                case "api-method-response-example-description":
                    block.description.append(contentsOf: flatten(children))
                default:
                    let name = token.name.replacing("api-method-", with: "").replacing("-parameters", with: "")
                    collect(children, group: name, into: &block, flatten: flatten)
                }
            }
        }
    }
}
