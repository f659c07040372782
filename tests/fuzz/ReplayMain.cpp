// The main() of the fuzz harnesses in a normal (non-libFuzzer) build: runs
// LLVMFuzzerTestOneInput over every file named on the command line or found
// in the folders named there, so the seed corpus and every saved crash input
// (tests/fuzz/regressions/) are replayed by the ordinary test suite, with
// ASan/UBSan when the build has RELAYDESK_SANITIZE.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

int main(int argc, char** argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QString path = QFile::decodeName(argv[i]);
        if (QFileInfo(path).isDir()) {
            QStringList inFolder;
            QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                inFolder.append(it.next());
            inFolder.sort();
            files += inFolder;
        } else if (QFileInfo(path).isFile()) {
            files.append(path);
        } else {
            std::fprintf(stderr, "no such file or folder: %s\n", argv[i]);
            return 2;
        }
    }
    // A replay over nothing would pass without testing anything.
    if (files.isEmpty()) {
        std::fprintf(stderr, "no inputs to replay\n");
        return 2;
    }
    for (const QString& path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return 2;
        }
        const QByteArray data = file.readAll();
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.constData()),
                               static_cast<std::size_t>(data.size()));
    }
    std::printf("replayed %lld inputs\n", static_cast<long long>(files.size()));
    return 0;
}
