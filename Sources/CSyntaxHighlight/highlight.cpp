#include "scribbles_highlight.h"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QString>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

using namespace KSyntaxHighlighting;

std::mutex lock;

Repository &repository() {
    // Built on first use: it reads the metadata of every definition (about 15 ms).
    static Repository *shared = new Repository();
    return *shared;
}

/// Turns KSyntaxHighlighting's formats (UTF-16 offsets in a QString line) into tokens with
/// UTF-8 byte offsets.
class Collector final : public AbstractHighlighter {
public:
    scribbles_token_fn token = nullptr;
    void *context = nullptr;
    int32_t line = 0;
    /// For each UTF-16 index of the current line, its byte offset (one past the end too).
    std::vector<int32_t> bytes;

    State run(const QString &text, const State &state) { return highlightLine(text, state); }

protected:
    void applyFormat(int offset, int length, const Format &format) override {
        const int style = format.textStyle();
        if (style == Theme::Normal || length <= 0 || offset < 0) return;
        const int end = offset + length;
        if (end >= static_cast<int>(bytes.size())) return;
        token(context, line, bytes[offset], bytes[end] - bytes[offset], style);
    }
};

void mapOffsets(const QString &text, std::vector<int32_t> &bytes) {
    bytes.clear();
    bytes.reserve(text.size() + 1);
    int32_t offset = 0;
    for (int i = 0; i < text.size(); ++i) {
        bytes.push_back(offset);
        const char16_t unit = text.at(i).unicode();
        if (unit < 0x80) offset += 1;
        else if (unit < 0x800) offset += 2;
        else if (unit >= 0xD800 && unit < 0xDC00) offset += 4;   // a surrogate pair: 4 bytes for both
        else if (unit >= 0xDC00 && unit < 0xE000) offset += 0;
        else offset += 3;
    }
    bytes.push_back(offset);
}

} // namespace

extern "C" int scribbles_highlight_has(const char *name) {
    std::lock_guard<std::mutex> guard(lock);
    return repository().definitionForName(QString::fromUtf8(name)).isValid() ? 1 : 0;
}

/// One highlighter per definition, kept: setting a definition up costs more than a small block.
static Collector *collector(const char *name) {
    static std::map<std::string, Collector *> made;
    auto found = made.find(name);
    if (found != made.end()) return found->second;
    const Definition definition = repository().definitionForName(QString::fromUtf8(name));
    Collector *made_one = nullptr;
    if (definition.isValid()) {
        made_one = new Collector();
        made_one->setDefinition(definition);
        made_one->setTheme(repository().defaultTheme());
    }
    made.emplace(name, made_one);
    return made_one;
}

extern "C" int scribbles_highlight(const char *name, const char *text, size_t length, scribbles_token_fn token, void *context) {
    std::lock_guard<std::mutex> guard(lock);
    Collector *found = collector(name);
    if (!found) return 0;
    Collector &collector = *found;
    collector.line = 0;
    collector.token = token;
    collector.context = context;
    State state;
    size_t start = 0;
    while (start <= length) {
        size_t stop = start;
        while (stop < length && text[stop] != '\n') ++stop;
        const QString line = QString::fromUtf8(text + start, static_cast<int>(stop - start));
        // Offsets must follow the bytes as written: invalid UTF-8 becomes U+FFFD in the QString,
        // so such a line is only coloured when its bytes are whole UTF-8.
        mapOffsets(line, collector.bytes);
        if (collector.bytes.back() != static_cast<int32_t>(stop - start)) collector.bytes.clear();
        state = collector.run(line, state);
        collector.line += 1;
        start = stop + 1;
    }
    return 1;
}
