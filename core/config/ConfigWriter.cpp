#include "ConfigWriter.h"

#include <QRegularExpression>
#include <QStringList>

namespace RelayDesk::Config {

namespace {

/// Collects "key = value" lines section by section.
class IniText
{
public:
    void comment(const QString& text) { m_lines.append(QStringLiteral("; ") + text); }
    void section(const QString& name)
    {
        if (!m_lines.isEmpty())
            m_lines.append(QString());
        m_lines.append(QLatin1Char('[') + name + QLatin1Char(']'));
    }
    /// A value written exactly as given (numbers, keywords, lists).
    void raw(const QString& key, const QString& value)
    {
        m_lines.append(key + QStringLiteral(" = ") + value);
    }
    void text(const QString& key, const QString& value) { raw(key, ConfigWriter::quoted(value)); }
    /// Written only when set; the loader's default for these is empty.
    void optionalText(const QString& key, const QString& value)
    {
        if (!value.isEmpty())
            text(key, value);
    }
    void number(const QString& key, qint64 value) { raw(key, QString::number(value)); }
    void flag(const QString& key, bool value)
    {
        raw(key, value ? QStringLiteral("true") : QStringLiteral("false"));
    }
    void duration(const QString& key, qint64 seconds)
    {
        raw(key, ConfigWriter::formatDuration(seconds));
    }
    /// A comma separated list; items never contain commas (the loader
    /// refuses them), so each is written plainly or quoted on its own.
    void list(const QString& key, const QStringList& items)
    {
        QStringList written;
        for (const QString& item : items)
            written.append(ConfigWriter::quoted(item));
        raw(key, written.join(QStringLiteral(", ")));
    }
    void optionalList(const QString& key, const QStringList& items)
    {
        if (!items.isEmpty())
            list(key, items);
    }

    QString result() const { return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n'); }

private:
    QStringList m_lines;
};

QStringList subnetTexts(const QList<Subnet>& subnets)
{
    QStringList texts;
    for (const Subnet& subnet : subnets)
        texts.append(subnet.toString());
    return texts;
}

QString listenerMode(ListenerConfig::Mode mode)
{
    return mode == ListenerConfig::Mode::Tls ? QStringLiteral("tls") : QStringLiteral("plain");
}

QString smarthostTls(SmarthostConfig::TlsMode mode)
{
    switch (mode) {
    case SmarthostConfig::TlsMode::None:
        return QStringLiteral("none");
    case SmarthostConfig::TlsMode::StartTls:
        return QStringLiteral("starttls");
    case SmarthostConfig::TlsMode::Opportunistic:
        return QStringLiteral("opportunistic");
    case SmarthostConfig::TlsMode::Tls:
        return QStringLiteral("tls");
    }
    return QStringLiteral("starttls");
}

QString fromNameFix(RouteConfig::FromNameFix fix)
{
    switch (fix) {
    case RouteConfig::FromNameFix::Keep:
        return QStringLiteral("no");
    case RouteConfig::FromNameFix::Quote:
        return QStringLiteral("quote");
    case RouteConfig::FromNameFix::Remove:
        return QStringLiteral("remove");
    }
    return QStringLiteral("no");
}

void writeGeneral(IniText& ini, const GeneralConfig& general)
{
    ini.section(QStringLiteral("general"));
    ini.text(QStringLiteral("data-dir"), general.dataDir);
    ini.text(QStringLiteral("hostname"), general.hostname);
    if (!general.dnsServer.isNull())
        ini.text(QStringLiteral("dns-server"), general.dnsServer.toString());
}

void writeTls(IniText& ini, const TlsDefaults& tls)
{
    if (tls.certFile.isEmpty() && tls.keyFile.isEmpty() && tls.keyPassphraseRef.isNull())
        return;
    ini.section(QStringLiteral("tls"));
    ini.optionalText(QStringLiteral("cert-file"), tls.certFile);
    ini.optionalText(QStringLiteral("key-file"), tls.keyFile);
    ini.optionalText(QStringLiteral("key-passphrase-ref"), tls.keyPassphraseRef.toString());
}

void writeListener(IniText& ini, const ListenerConfig& listener, const TlsDefaults& tls)
{
    ini.section(QStringLiteral("listener.") + listener.name);
    ini.text(QStringLiteral("address"), listener.address.toString());
    ini.number(QStringLiteral("port"), listener.port);
    ini.raw(QStringLiteral("mode"), listenerMode(listener.mode));
    // The loaded listener holds its effective certificate; one equal to
    // [tls]'s is inherited rather than repeated.
    if (listener.certFile != tls.certFile || listener.keyFile != tls.keyFile ||
        listener.keyPassphraseRef != tls.keyPassphraseRef) {
        ini.optionalText(QStringLiteral("cert-file"), listener.certFile);
        ini.optionalText(QStringLiteral("key-file"), listener.keyFile);
        ini.optionalText(QStringLiteral("key-passphrase-ref"),
                         listener.keyPassphraseRef.toString());
    }
    ini.raw(QStringLiteral("min-tls"), tlsVersionName(listener.minTls));
    ini.flag(QStringLiteral("require-auth"), listener.requireAuth);
    ini.flag(QStringLiteral("allow-plain-auth"), listener.allowPlainAuth);
}

void writeLimits(IniText& ini, const LimitsConfig& limits)
{
    ini.section(QStringLiteral("limits"));
    ini.raw(QStringLiteral("max-message-size"), ConfigWriter::formatSize(limits.maxMessageSize));
    ini.number(QStringLiteral("max-recipients"), limits.maxRecipients);
    ini.number(QStringLiteral("max-sessions"), limits.maxSessions);
    ini.number(QStringLiteral("max-sessions-per-client"), limits.maxSessionsPerClient);
    ini.number(QStringLiteral("max-bad-commands"), limits.maxBadCommands);
    ini.duration(QStringLiteral("command-timeout"), limits.commandTimeoutSeconds);
    ini.duration(QStringLiteral("data-timeout"), limits.dataTimeoutSeconds);
    ini.number(QStringLiteral("messages-per-minute"), limits.messagesPerMinute);
    ini.number(QStringLiteral("recipients-per-hour"), limits.recipientsPerHour);
    ini.number(QStringLiteral("account-messages-per-minute"), limits.accountMessagesPerMinute);
    ini.number(QStringLiteral("account-recipients-per-hour"), limits.accountRecipientsPerHour);
    ini.number(QStringLiteral("account-max-sessions"), limits.accountMaxSessions);
}

void writeSmarthost(IniText& ini, const SmarthostConfig& smarthost)
{
    ini.section(smarthost.sectionName());
    // Every key is written, so the preset (applied first by the loader)
    // only names where the values came from; the keys below override it.
    ini.optionalText(QStringLiteral("host"), smarthost.host);
    ini.number(QStringLiteral("port"), smarthost.port);
    ini.raw(QStringLiteral("tls"), smarthostTls(smarthost.tls));
    ini.flag(QStringLiteral("verify"), smarthost.verify);
    ini.optionalText(QStringLiteral("ca-file"), smarthost.caFile);
    ini.optionalText(QStringLiteral("username"), smarthost.username);
    // A reference only (keychain:NAME, local:NAME, file:/path): the secret
    // itself is never part of the configuration.
    ini.optionalText(QStringLiteral("password-ref"), smarthost.passwordRef.toString());
    ini.optionalText(QStringLiteral("helo-name"), smarthost.heloName);
    ini.number(QStringLiteral("max-connections"), smarthost.maxConnections);
    ini.number(QStringLiteral("messages-per-connection"), smarthost.messagesPerConnection);
    // The loader needs region/tenant for a preset whose host has a
    // {parameter} only when host is missing; the expanded host is written.
    ini.optionalText(QStringLiteral("preset"), smarthost.preset);
    if (smarthost.messagesPerMinute > 0)
        ini.number(QStringLiteral("messages-per-minute"), smarthost.messagesPerMinute);
    if (smarthost.recipientsPerDay > 0)
        ini.number(QStringLiteral("recipients-per-day"), smarthost.recipientsPerDay);
    ini.optionalList(QStringLiteral("fallback"), smarthost.fallbacks);
}

void writeRoute(IniText& ini, const RouteConfig& route)
{
    ini.section(QStringLiteral("route.") + route.name);
    ini.optionalList(QStringLiteral("sender"), route.senders);
    ini.optionalList(QStringLiteral("recipient-domain"), route.recipientDomains);
    ini.optionalList(QStringLiteral("client-network"), subnetTexts(route.clientNetworks));
    ini.optionalList(QStringLiteral("auth-user"), route.authUsers);
    ini.optionalList(QStringLiteral("listener"), route.listeners);
    ini.raw(QStringLiteral("transport"), route.transportText());
    ini.optionalText(QStringLiteral("helo-name"), route.heloName);
    ini.raw(QStringLiteral("fix-from-name"), fromNameFix(route.fixFromName));
    ini.optionalText(QStringLiteral("from-name"), route.fromName);
    ini.optionalText(QStringLiteral("from-address"), route.fromAddress);
    ini.flag(QStringLiteral("add-date"), route.addDate);
    ini.flag(QStringLiteral("add-message-id"), route.addMessageId);
    ini.optionalText(QStringLiteral("envelope-sender"), route.envelopeSender);
}

void writeRetry(IniText& ini, const RetryConfig& retry)
{
    ini.section(QStringLiteral("retry"));
    QStringList schedule;
    for (int seconds : retry.scheduleSeconds)
        schedule.append(ConfigWriter::formatDuration(seconds));
    if (!schedule.isEmpty())
        ini.raw(QStringLiteral("schedule"), schedule.join(QLatin1Char(',')));
    ini.duration(QStringLiteral("max-age"), retry.maxAgeSeconds);
    ini.duration(QStringLiteral("delay-warning"), retry.delayWarningSeconds);
}

void writeBounces(IniText& ini, const BouncesConfig& bounces)
{
    ini.section(QStringLiteral("bounces"));
    ini.flag(QStringLiteral("suppress"), bounces.suppress);
    ini.raw(QStringLiteral("suppressed-action"),
            bounces.holdSuppressed ? QStringLiteral("hold") : QStringLiteral("fail"));
    // 0 is "forever", which is no duration.
    ini.raw(QStringLiteral("suppress-expiry"),
            bounces.suppressExpirySeconds > 0
                ? ConfigWriter::formatDuration(bounces.suppressExpirySeconds)
                : QStringLiteral("0"));
    ini.list(QStringLiteral("suppress-reasons"), bounces.suppressReasons);
    ini.optionalText(QStringLiteral("return-path-address"), bounces.returnPathAddress);
}

void writeSecurity(IniText& ini, const SecurityConfig& security)
{
    ini.section(QStringLiteral("security"));
    ini.number(QStringLiteral("auth-failures"), security.authFailures);
    ini.duration(QStringLiteral("auth-window"), security.authWindowSeconds);
    ini.duration(QStringLiteral("lockout-duration"), security.lockoutSeconds);
    ini.duration(QStringLiteral("auth-max-delay"), security.authMaxDelaySeconds);
    ini.number(QStringLiteral("abuse-factor"), security.abuseFactor);
    ini.number(QStringLiteral("abuse-floor"), security.abuseFloor);
}

} // namespace

QString ConfigWriter::toIni(const RelayConfig& config)
{
    IniText ini;
    ini.comment(QStringLiteral("RelayDesk configuration, written by RelayDesk (Settings page)."));
    ini.comment(QStringLiteral("Every key is described in docs/configuration.md. Comments added "
                               "here are not kept"));
    ini.comment(QStringLiteral("when RelayDesk writes the file again. Never put a password "
                               "here: password-ref names"));
    ini.comment(QStringLiteral("where it is kept (keychain:NAME, local:NAME, file:/path)."));
    writeGeneral(ini, config.general);
    writeTls(ini, config.tls);
    for (const ListenerConfig& listener : config.listeners)
        writeListener(ini, listener, config.tls);
    ini.section(QStringLiteral("relay"));
    ini.list(QStringLiteral("allowed-networks"), subnetTexts(config.allowedNetworks));
    writeLimits(ini, config.limits);
    writeSmarthost(ini, config.smarthost);
    for (const SmarthostConfig& smarthost : config.smarthosts)
        writeSmarthost(ini, smarthost);
    for (const RouteConfig& route : config.routes)
        writeRoute(ini, route);
    writeRetry(ini, config.retry);
    writeBounces(ini, config.bounces);
    writeSecurity(ini, config.security);
    return ini.result();
}

QString ConfigWriter::formatDuration(qint64 seconds)
{
    if (seconds <= 0)
        return QStringLiteral("0");
    struct Unit
    {
        qint64 seconds;
        char name;
    };
    static constexpr Unit units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
    QString text;
    qint64 rest = seconds;
    for (const Unit& unit : units) {
        if (rest >= unit.seconds) {
            text += QString::number(rest / unit.seconds) + QLatin1Char(unit.name);
            rest %= unit.seconds;
        }
    }
    return text;
}

QString ConfigWriter::formatSize(qint64 bytes)
{
    constexpr qint64 kib = 1024;
    if (bytes > 0 && bytes % (kib * kib * kib) == 0)
        return QString::number(bytes / (kib * kib * kib)) + QLatin1Char('G');
    if (bytes > 0 && bytes % (kib * kib) == 0)
        return QString::number(bytes / (kib * kib)) + QLatin1Char('M');
    if (bytes > 0 && bytes % kib == 0)
        return QString::number(bytes / kib) + QLatin1Char('K');
    return QString::number(bytes);
}

QString ConfigWriter::quoted(const QString& value)
{
    // QSettings splits at commas, ends the value at ';', unescapes '\' and
    // '"', and gives a leading '@' a meaning of its own (@Variant(...)).
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._:/+*<>!$%&'^`{|}~=?-]"
                                                         "[A-Za-z0-9._:/+*<>!$%&'^`{|}~=?@ -]*$"));
    if (plain.match(value).hasMatch() && !value.endsWith(QLatin1Char(' ')))
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    if (escaped.startsWith(QLatin1Char('@')))
        escaped.prepend(QLatin1Char('@'));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace RelayDesk::Config
