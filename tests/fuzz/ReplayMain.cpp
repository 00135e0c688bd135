// Runs a fuzz target without libFuzzer: every file in the directories given, in name order, through
// LLVMFuzzerTestOneInput. The first directory (the seed corpus) must hold inputs; the others (saved regressions)
// may be absent. A crash, or a sanitizer report in a sanitizer build, fails the test like it failed the fuzzer.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Defined only by targets that need one-time set-up, as libFuzzer allows.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

QList<QFileInfo> inputsIn(const QString& directory)
{
    return QDir(directory).entryInfoList(QDir::Files, QDir::Name);
}

bool replay(const QFileInfo& input)
{
    QFile file(input.filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(input.filePath()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    std::printf("replaying %s (%lld bytes)\n", qPrintable(input.filePath()), static_cast<long long>(bytes.size()));
    std::fflush(stdout);
    // libFuzzer hands over a buffer of exactly the input's size, not a QByteArray's terminated one: a read past
    // the end must reach ASan's redzone, as it does under the fuzzer.
    const std::vector<uint8_t> exact(bytes.cbegin(), bytes.cend());
    LLVMFuzzerTestOneInput(exact.data(), exact.size());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [MORE_DIRS...]\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const QString directory = QString::fromLocal8Bit(argv[i]);
        const QList<QFileInfo> inputs = inputsIn(directory);
        if (i == 1 && inputs.isEmpty()) {
            std::fprintf(stderr, "no inputs in the seed corpus %s\n", argv[i]);
            return 1;
        }
        for (const QFileInfo& input : inputs) {
            if (!replay(input))
                return 1;
            ++replayed;
        }
    }
    std::printf("%d inputs replayed without a failure\n", replayed);
    return 0;
}
