#include "config/ProviderPresets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace RelayDesk::Config;

/// The built-in provider presets (resources/providers.json, compiled in)
/// and the catalog's validation.
class TestProviderPresets final : public QObject
{
    Q_OBJECT

private slots:
    void builtInLoadsAndMatchesTheSourceFile();
    void builtInPresets_data();
    void builtInPresets();
    void everyLimitHasASource();
    void parameters_data();
    void parameters();
    void invalid_data();
    void invalid();

private:
    static QJsonObject validPreset();
};

void TestProviderPresets::builtInLoadsAndMatchesTheSourceFile()
{
    const ProviderPresets& catalog = ProviderPresets::builtIn();
    QVERIFY(catalog.all().size() >= 11);
    // The compiled-in resource is the file in the repository.
    QFile resource(ProviderPresets::builtInResourcePath());
    QFile source(QStringLiteral(RELAYDESK_PROVIDERS_JSON));
    QVERIFY(resource.open(QIODevice::ReadOnly));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(resource.readAll(), source.readAll());
    QVERIFY(catalog.find(QStringLiteral("nope")) == nullptr);
}

void TestProviderPresets::builtInPresets_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("host"); // with placeholders
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("tls");
    QTest::addColumn<int>("auth");
    QTest::addColumn<QString>("spf");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<int>("connections");

    const int starttls = int(SmarthostConfig::TlsMode::StartTls);
    const int required = int(ProviderPreset::Auth::Required);
    QTest::newRow("m365 submission") << "microsoft365-submission"
                                     << "smtp.office365.com" << 587 << starttls << required
                                     << "spf.protection.outlook.com" << 30 << 10000 << 3;
    QTest::newRow("m365 connector")
        << "microsoft365-connector"
        << "{tenant}.mail.protection.outlook.com" << 25 << starttls
        << int(ProviderPreset::Auth::None) << "spf.protection.outlook.com" << 0 << 0 << 0;
    QTest::newRow("google submission")
        << "google-workspace-submission"
        << "smtp.gmail.com" << 587 << starttls << required << "_spf.google.com" << 0 << 10000 << 0;
    QTest::newRow("google relay") << "google-workspace-relay"
                                  << "smtp-relay.gmail.com" << 587 << starttls
                                  << int(ProviderPreset::Auth::Optional) << "_spf.google.com" << 0
                                  << 10000 << 0;
    QTest::newRow("ses") << "amazon-ses"
                         << "email-smtp.{region}.amazonaws.com" << 587 << starttls << required
                         << "amazonses.com" << 0 << 0 << 0;
    QTest::newRow("sendgrid") << "sendgrid"
                              << "smtp.sendgrid.net" << 587 << starttls << required
                              << "sendgrid.net" << 0 << 0 << 0;
    QTest::newRow("mailgun us") << "mailgun-us"
                                << "smtp.mailgun.org" << 587 << starttls << required
                                << "mailgun.org" << 0 << 0 << 0;
    QTest::newRow("mailgun eu") << "mailgun-eu"
                                << "smtp.eu.mailgun.org" << 587 << starttls << required
                                << "eu.mailgun.org" << 0 << 0 << 0;
    QTest::newRow("postmark") << "postmark"
                              << "smtp.postmarkapp.com" << 587 << starttls << required
                              << "spf.mtasv.net" << 0 << 0 << 0;
    QTest::newRow("brevo") << "brevo"
                           << "smtp-relay.brevo.com" << 587 << starttls << required
                           << "spf.brevo.com" << 0 << 0 << 0;
    QTest::newRow("generic") << "generic"
                             << "" << 587 << starttls << int(ProviderPreset::Auth::Optional) << ""
                             << 0 << 0 << 0;
}

void TestProviderPresets::builtInPresets()
{
    QFETCH(QString, id);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, tls);
    QFETCH(int, auth);
    QFETCH(QString, spf);
    QFETCH(int, perMinute);
    QFETCH(int, perDay);
    QFETCH(int, connections);
    const ProviderPreset* preset = ProviderPresets::builtIn().find(id);
    QVERIFY(preset);
    QCOMPARE(preset->host, host);
    QCOMPARE(int(preset->port), port);
    QCOMPARE(int(preset->tls), tls);
    QCOMPARE(int(preset->auth), auth);
    QCOMPARE(preset->spfInclude, spf);
    QCOMPARE(preset->messagesPerMinute.value, perMinute);
    QCOMPARE(preset->recipientsPerDay.value, perDay);
    QCOMPARE(preset->maxConnections.value, connections);
    QVERIFY(!preset->name.isEmpty());
    QVERIFY(!preset->usernameConvention.isEmpty());
}

void TestProviderPresets::everyLimitHasASource()
{
    for (const ProviderPreset& preset : ProviderPresets::builtIn().all()) {
        for (const ProviderPreset::Limit* limit :
             {&preset.messagesPerMinute, &preset.recipientsPerDay, &preset.maxConnections}) {
            if (limit->value == 0)
                continue;
            QVERIFY2(limit->source.contains(QLatin1String("https://")), qPrintable(preset.id));
            QVERIFY2(!limit->scope.isEmpty(), qPrintable(preset.id));
        }
    }
    const ProviderPreset* sendgrid = ProviderPresets::builtIn().find(QStringLiteral("sendgrid"));
    QVERIFY(sendgrid);
    QVERIFY(sendgrid->usernameConvention.contains(QLatin1String("apikey")));
}

void TestProviderPresets::parameters_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("host"); // empty: value refused
    QTest::newRow("ses region") << "amazon-ses"
                                << "region"
                                << "eu-central-1"
                                << "email-smtp.eu-central-1.amazonaws.com";
    QTest::newRow("ses us-east-1") << "amazon-ses"
                                   << "region"
                                   << "us-east-1"
                                   << "email-smtp.us-east-1.amazonaws.com";
    QTest::newRow("ses unknown region") << "amazon-ses"
                                        << "region"
                                        << "mars-north-1"
                                        << "";
    QTest::newRow("ses region with dot") << "amazon-ses"
                                         << "region"
                                         << "eu.evil.example"
                                         << "";
    QTest::newRow("m365 tenant") << "microsoft365-connector"
                                 << "tenant"
                                 << "contoso-com"
                                 << "contoso-com.mail.protection.outlook.com";
    QTest::newRow("m365 tenant with dot") << "microsoft365-connector"
                                          << "tenant"
                                          << "contoso.com"
                                          << "";
    QTest::newRow("m365 tenant leading dash") << "microsoft365-connector"
                                              << "tenant"
                                              << "-x"
                                              << "";
}

void TestProviderPresets::parameters()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, host);
    const ProviderPreset* preset = ProviderPresets::builtIn().find(id);
    QVERIFY(preset);
    const ProviderPreset::Parameter* parameter = preset->parameter(name);
    QVERIFY(parameter);
    QString error;
    QCOMPARE(preset->acceptsParameter(*parameter, value, &error), !host.isEmpty());
    if (host.isEmpty()) {
        QVERIFY(error.contains(name));
        return;
    }
    QString missing;
    QCOMPARE(preset->expandHost({{name, value}}, &missing), std::optional<QString>(host));
    QVERIFY(!preset->expandHost({}, &missing));
    QCOMPARE(missing, name);
}

QJsonObject TestProviderPresets::validPreset()
{
    return QJsonObject{
        {"id", "x"},
        {"name", "X"},
        {"host", "smtp.{zone}.example.com"},
        {"port", 587},
        {"tls", "starttls"},
        {"auth", "required"},
        {"username", "the address"},
        {"spfInclude", "spf.example.com"},
        {"parameters", QJsonArray{QJsonObject{{"name", "zone"}, {"description", "the zone"}}}},
        {"limits", QJsonObject{{"messagesPerMinute",
                                QJsonObject{{"value", 30},
                                            {"scope", "per user"},
                                            {"source", "Limits - https://example.com/limits"}}}}}};
}

void TestProviderPresets::invalid_data()
{
    QTest::addColumn<QString>("key");      // in the preset; "" for the root
    QTest::addColumn<QJsonValue>("value"); // undefined: remove the key
    QTest::addColumn<QString>("expected");

    QTest::newRow("valid") << "" << QJsonValue() << "";
    QTest::newRow("bad id") << "id" << QJsonValue("Bad Id") << "id must be";
    QTest::newRow("no name") << "name" << QJsonValue(QJsonValue::Undefined) << "\"name\" must be";
    QTest::newRow("port zero") << "port" << QJsonValue(0) << "port must be 1-65535";
    QTest::newRow("port text") << "port" << QJsonValue("587") << "port must be 1-65535";
    QTest::newRow("tls none") << "tls" << QJsonValue("none") << "tls must be";
    QTest::newRow("auth") << "auth" << QJsonValue("sometimes") << "auth must be";
    QTest::newRow("bad host") << "host" << QJsonValue("smtp example") << "is not a host name";
    QTest::newRow("unknown placeholder") << "host" << QJsonValue("smtp.{region}.example.com")
                                         << "placeholder {region} is not a parameter";
    QTest::newRow("limit without source")
        << "limits" << QJsonValue(QJsonObject{{"recipientsPerDay", QJsonObject{{"value", 10}}}})
        << "limits.recipientsPerDay needs a \"source\"";
    QTest::newRow("limit zero")
        << "limits"
        << QJsonValue(QJsonObject{
               {"maxConnections", QJsonObject{{"value", 0}, {"source", "https://x.example"}}}})
        << "limits.maxConnections.value must be";
    QTest::newRow("unknown limit")
        << "limits" << QJsonValue(QJsonObject{{"perHour", QJsonObject{}}})
        << "unknown limit perHour";
    QTest::newRow("bad spf") << "spfInclude" << QJsonValue("not a domain") << "spfInclude";
    QTest::newRow("parameter without description")
        << "parameters" << QJsonValue(QJsonArray{QJsonObject{{"name", "zone"}}})
        << "needs a description";
    QTest::newRow("root format") << "format" << QJsonValue(2) << "\"format\": 1";
    QTest::newRow("root presets") << "presets" << QJsonValue(QJsonArray{}) << "non-empty array";
}

void TestProviderPresets::invalid()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QJsonObject preset = validPreset();
    QJsonObject root{{"format", 1}};
    if (key == QLatin1String("format") || key == QLatin1String("presets")) {
        root.insert(key, value);
    } else if (!key.isEmpty()) {
        if (value.isUndefined())
            preset.remove(key);
        else
            preset.insert(key, value);
    }
    if (!root.contains(QLatin1String("presets")))
        root.insert(QStringLiteral("presets"), QJsonArray{preset});
    QString error;
    const auto catalog = ProviderPresets::fromJson(QJsonDocument(root).toJson(), &error);
    if (expected.isEmpty()) {
        QVERIFY2(catalog, qPrintable(error));
        QCOMPARE(catalog->ids(), QStringList{QStringLiteral("x")});
        return;
    }
    QVERIFY(!catalog);
    QVERIFY2(error.contains(expected), qPrintable(error));

    // Repeated ids and broken JSON are caught too.
    QVERIFY(!ProviderPresets::fromJson(
        QJsonDocument(
            QJsonObject{{"format", 1}, {"presets", QJsonArray{validPreset(), validPreset()}}})
            .toJson(),
        &error));
    QVERIFY(error.contains(QLatin1String("id repeated")));
    QVERIFY(!ProviderPresets::fromJson("{\"format\": 1,", &error));
    QVERIFY(error.contains(QLatin1String("not valid JSON")));
}

QTEST_GUILESS_MAIN(TestProviderPresets)
#include "TestProviderPresets.moc"
