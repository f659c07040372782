// libFuzzer harness: relaydesk.ini text through ConfigLoader.
// ConfigLoader reads a file (QSettings for the values, IniFileScanner for
// line numbers), so each input is written to a fresh file in a private temp
// folder: a new name every time, because QSettings caches files by name and
// modification time and a same-size rewrite within a millisecond would be
// served from the cache.

#include "FuzzSupport.h"
#include "config/ConfigLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdint>
#include <memory>

using RelayDesk::Config::ConfigLoader;

namespace {

std::unique_ptr<QTemporaryDir> g_dir;
quint64 g_counter = 0;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    g_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                            QStringLiteral("/relaydesk-fuzz-config-XXXXXX"));
    if (!g_dir->isValid())
        RelayDesk::Fuzz::fail("cannot create a temporary folder", __FILE__, __LINE__);
    // Relative paths in the file (cert-file = cert.pem) resolve against the
    // file's folder: give them something real to find.
    QFile cert(g_dir->filePath(QStringLiteral("cert.pem")));
    if (cert.open(QIODevice::WriteOnly))
        cert.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = g_dir->filePath(QStringLiteral("%1.ini").arg(++g_counter));
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly));
        FUZZ_CHECK(file.write(reinterpret_cast<const char*>(data), qint64(size)) == qint64(size));
    }
    QString error;
    const auto config = ConfigLoader::load(path, &error);
    if (config) {
        FUZZ_CHECK(config->sourceFile == path);
        // What the loader returns has passed the cross-setting rules.
        FUZZ_CHECK(config->crossCheck().message.isEmpty());
        FUZZ_CHECK(!config->listeners.isEmpty());
    } else {
        // One line that names the file, for the admin to act on.
        FUZZ_CHECK(!error.isEmpty());
        FUZZ_CHECK(error.startsWith(path));
        FUZZ_CHECK(!error.contains(QLatin1Char('\n')));
    }
    QFile::remove(path);
    return 0;
}
