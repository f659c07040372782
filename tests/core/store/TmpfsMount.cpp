#include "TmpfsMount.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace RelayDesk::Tests {

namespace {

// Runs a short system command; returns its diagnostics on failure.
bool runCommand(const QString& program, const QStringList& arguments, QString* error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000)) {
        *error = QStringLiteral("%1: %2").arg(program, process.errorString());
        process.kill();
        process.waitForFinished(5000);
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed (%3): %4")
                     .arg(program, arguments.join(u' '))
                     .arg(process.exitCode())
                     .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

QString fillerPath(const QString& directory)
{
    return QDir(directory).filePath(QStringLiteral("filler.bin"));
}

} // namespace

TmpfsMount::TmpfsMount(const QString& size)
{
    if (!m_dir.isValid()) {
        m_error = m_dir.errorString();
        return;
    }
    m_mounted = runCommand(QStringLiteral("mount"),
                           {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                            QStringLiteral("size=%1,mode=0700").arg(size), QStringLiteral("tmpfs"),
                            m_dir.path()},
                           &m_error);
}

TmpfsMount::~TmpfsMount()
{
    if (!m_mounted)
        return;
    QString error;
    // Lazy unmount as a fallback: a leaked mount would outlive the test run.
    if (!runCommand(QStringLiteral("umount"), {m_dir.path()}, &error) &&
        !runCommand(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()}, &error))
        qWarning("cannot unmount %s: %s", qPrintable(m_dir.path()), qPrintable(error));
}

qint64 TmpfsMount::fill()
{
    QFile filler(fillerPath(m_dir.path()));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return -1;
    qint64 written = 0;
    // Large chunks first, then smaller ones, so that not even a page is left.
    for (const qint64 chunk : {qint64(64 * 1024), qint64(4096), qint64(1)}) {
        const QByteArray block(chunk, 'x');
        for (;;) {
            const qint64 n = filler.write(block);
            if (n <= 0)
                break;
            written += n;
            if (n < chunk)
                break;
        }
    }
    const bool full = filler.error() != QFileDevice::NoError;
    filler.close();
    return full ? written : -1;
}

bool TmpfsMount::release()
{
    return QFile::remove(fillerPath(m_dir.path()));
}

} // namespace RelayDesk::Tests
