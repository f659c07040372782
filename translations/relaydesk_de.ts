<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>RelayDesk::Ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="15" />
        <source>RelayDesk</source>
        <translation>RelayDesk</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="40" />
        <source>%1 queued · %2 deferred · %3 failed · %4 delivered</source>
        <translation>%1 in der Warteschlange · %2 zurückgestellt · %3 fehlgeschlagen · %4 zugestellt</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::OverviewPage</name>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="27" />
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="29" />
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="31" />
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="33" />
        <source>Stopping…</source>
        <translation>Hält an …</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="35" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="43" />
        <source>none waiting</source>
        <translation>keine wartend</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/OverviewPage.cpp" line="46" />
        <source>%n second(s)</source>
        <translation><numerusform>%n Sekunde</numerusform><numerusform>%n Sekunden</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/OverviewPage.cpp" line="48" />
        <source>%n minute(s)</source>
        <translation><numerusform>%n Minute</numerusform><numerusform>%n Minuten</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/OverviewPage.cpp" line="49" />
        <source>%n hour(s)</source>
        <translation><numerusform>%n Stunde</numerusform><numerusform>%n Stunden</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="56" />
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="63" />
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="64" />
        <source>Listening on:</source>
        <translation>Lauscht auf:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="65" />
        <source>Smarthost:</source>
        <translation>Smarthost:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="66" />
        <source>Connections:</source>
        <translation>Verbindungen:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="68" />
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="77" />
        <source>Queued:</source>
        <translation>In der Warteschlange:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="78" />
        <source>Being delivered:</source>
        <translation>Wird zugestellt:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="79" />
        <source>Deferred (will retry):</source>
        <translation>Zurückgestellt (neuer Versuch folgt):</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="80" />
        <source>Held:</source>
        <translation>Zurückgehalten:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="81" />
        <source>Failed:</source>
        <translation>Fehlgeschlagen:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="82" />
        <source>Delivered:</source>
        <translation>Zugestellt:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="83" />
        <source>Oldest waiting:</source>
        <translation>Älteste wartende:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="85" />
        <source>&amp;Retry deferred now</source>
        <translation>Zurückgestellte &amp;jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="87" />
        <source>Try every deferred message again without waiting for its retry time</source>
        <translation>Jede zurückgestellte Nachricht sofort erneut versuchen, ohne auf ihren Wiederholungszeitpunkt zu warten</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="107" />
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="110" />
        <source>none configured — mail is kept in the queue</source>
        <translation>keiner eingerichtet – Mails bleiben in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="112" />
        <source>%1 from clients, %2 to the smarthost</source>
        <translation>%1 von Clients, %2 zum Smarthost</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="35" />
        <source>RelayDesk: the office mail relay, managed from the desktop.</source>
        <translation>RelayDesk: das Mail-Relay des Büros, verwaltet vom Desktop aus.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="41" />
        <source>Read the relay configuration from &lt;file&gt; (default: %1).</source>
        <translation>Die Relay-Konfiguration aus &lt;Datei&gt; lesen (Standard: %1).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="61" />
        <source>RelayDesk</source>
        <translation>RelayDesk</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="62" />
        <source>The configuration could not be loaded:

%1</source>
        <translation>Die Konfiguration konnte nicht geladen werden:

%1</translation>
    </message>
</context>
</TS>