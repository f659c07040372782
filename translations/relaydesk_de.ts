<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Autostart</name>
    <message>
        <location filename="../ui/Autostart.cpp" line="53"/>
        <source>%1 cannot be removed.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location filename="../ui/Autostart.cpp" line="61"/>
        <source>%1 cannot be created.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AccountDialog</name>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="44"/>
        <source>e.g. scanner or crm-app</source>
        <translation>z. B. scanner oder crm-app</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="45"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="48"/>
        <source>&amp;Generate a strong password (recommended)</source>
        <translation>Starkes Passwort &amp;erzeugen (empfohlen)</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="50"/>
        <source>&amp;Type a password</source>
        <translation>Passwort &amp;selbst eingeben</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="68"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="69"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholung:</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="87"/>
        <source>One per line: an address (app@example.com), a domain (@example.com) or * for any sender.</source>
        <translation>Eine Angabe pro Zeile: eine Adresse (app@example.com), eine Domain (@example.com) oder * für jeden Absender.</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="89"/>
        <source>Allowed &amp;senders:</source>
        <translation>Erlaubte &amp;Absender:</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="93"/>
        <location filename="../ui/AccountDialog.cpp" line="100"/>
        <source>relay default</source>
        <translation>Relay-Standard</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="94"/>
        <source> messages/min</source>
        <translation> Nachrichten/min</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="96"/>
        <source>&amp;Messages:</source>
        <translation>Na&amp;chrichten:</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="101"/>
        <source> recipients/h</source>
        <translation> Empfänger/h</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="103"/>
        <source>R&amp;ecipients:</source>
        <translation>E&amp;mpfänger:</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="121"/>
        <source>Add account</source>
        <translation>Konto hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="124"/>
        <source>Edit account %1</source>
        <translation>Konto %1 bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="127"/>
        <source>Set password of %1</source>
        <translation>Passwort von %1 festlegen</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="165"/>
        <source>A name is 1 to 64 letters, digits or . _ @ + -</source>
        <translation>Ein Name besteht aus 1 bis 64 Buchstaben, Ziffern oder . _ @ + -</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AccountDialog.cpp" line="168"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>Das Passwort muss mindestens %n Zeichen lang sein.</numerusform>
            <numerusform>Das Passwort muss mindestens %n Zeichen lang sein.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="170"/>
        <source>The passwords differ.</source>
        <translation>Die Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../ui/AccountDialog.cpp" line="175"/>
        <source>&quot;%1&quot; is not an address, @domain or *.</source>
        <translation>„%1“ ist weder eine Adresse noch eine @Domain noch *.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AccountModel</name>
    <message>
        <location filename="../ui/AccountModel.cpp" line="28"/>
        <source>any sender</source>
        <translation>jeder Absender</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AccountModel.cpp" line="36"/>
        <source>%n message(s)/min</source>
        <translation>
            <numerusform>%n Nachricht/min</numerusform>
            <numerusform>%n Nachrichten/min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AccountModel.cpp" line="38"/>
        <source>%n recipient(s)/h</source>
        <translation>
            <numerusform>%n Empfänger/h</numerusform>
            <numerusform>%n Empfänger/h</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AccountModel.cpp" line="39"/>
        <source>relay defaults</source>
        <translation>Relay-Standardwerte</translation>
    </message>
    <message>
        <location filename="../ui/AccountModel.cpp" line="76"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../ui/AccountModel.cpp" line="78"/>
        <source>Allowed senders</source>
        <translation>Erlaubte Absender</translation>
    </message>
    <message>
        <location filename="../ui/AccountModel.cpp" line="80"/>
        <source>Own rate limits</source>
        <translation>Eigene Grenzwerte</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AccountPasswordDialog</name>
    <message>
        <location filename="../ui/AccountPasswordDialog.cpp" line="20"/>
        <source>Password of %1</source>
        <translation>Passwort von %1</translation>
    </message>
    <message>
        <location filename="../ui/AccountPasswordDialog.cpp" line="21"/>
        <source>The account &lt;b&gt;%1&lt;/b&gt; was created with this password. Enter it in the app or device now.</source>
        <translation>Das Konto &lt;b&gt;%1&lt;/b&gt; wurde mit diesem Passwort angelegt. Geben Sie es jetzt in der App oder im Gerät ein.</translation>
    </message>
    <message>
        <location filename="../ui/AccountPasswordDialog.cpp" line="31"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/AccountPasswordDialog.cpp" line="35"/>
        <source>⚠ This password will not be shown again: RelayDesk keeps only a hash of it. If it is lost, set a new one.</source>
        <translation>⚠ Dieses Passwort wird nicht noch einmal angezeigt: RelayDesk speichert nur einen Hash davon. Geht es verloren, legen Sie ein neues fest.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AccountsPage</name>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="41"/>
        <source>Accounts let apps and devices log in (SMTP AUTH) to send through the relay. Each may only use its allowed senders.</source>
        <translation>Mit Konten melden sich Apps und Geräte an (SMTP AUTH), um über das Relay zu senden. Jedes Konto darf nur seine erlaubten Absender verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="45"/>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="47"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="49"/>
        <source>Set &amp;password…</source>
        <translation>Pass&amp;wort festlegen…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="51"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="114"/>
        <source>The accounts could not be read: %1</source>
        <translation>Die Konten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="126"/>
        <source>No accounts yet. Devices on the allowed networks can send without one; add an account for an app that must log in.</source>
        <translation>Noch keine Konten. Geräte in den erlaubten Netzen können ohne Konto senden; legen Sie ein Konto für eine App an, die sich anmelden muss.</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="153"/>
        <source>Adding %1…</source>
        <translation>%1 wird hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="169"/>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="182"/>
        <source>Setting the password of %1…</source>
        <translation>Passwort von %1 wird festgelegt…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="194"/>
        <source>Delete account</source>
        <translation>Konto löschen</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="195"/>
        <source>Delete the account &quot;%1&quot;? Apps using it can no longer log in.</source>
        <translation>Das Konto „%1“ löschen? Apps, die es verwenden, können sich dann nicht mehr anmelden.</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="198"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="205"/>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="217"/>
        <source>%1 was not added: %2</source>
        <translation>%1 wurde nicht hinzugefügt: %2</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="220"/>
        <source>Account %1 added.</source>
        <translation>Konto %1 hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="237"/>
        <source>Not done: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="239"/>
        <source>Policy saved.</source>
        <translation>Richtlinie gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="241"/>
        <source>Password set.</source>
        <translation>Passwort festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/AccountsPage.cpp" line="243"/>
        <source>Account deleted.</source>
        <translation>Konto gelöscht.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AuditModel</name>
    <message>
        <location filename="../ui/AuditModel.cpp" line="65"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/AuditModel.cpp" line="67"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/AuditModel.cpp" line="69"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/AuditModel.cpp" line="71"/>
        <source>Subject</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../ui/AuditModel.cpp" line="73"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location filename="../ui/AuditModel.cpp" line="75"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AuditPage</name>
    <message>
        <location filename="../ui/AuditPage.cpp" line="45"/>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="51"/>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="59"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="65"/>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="70"/>
        <source>Text in subject (Ctrl+F)</source>
        <translation>Text im Objekt (Strg+F)</translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="159"/>
        <source>The audit log could not be read: %1</source>
        <translation>Das Audit-Protokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditPage.cpp" line="164"/>
        <source>Showing the newest %n entries; narrow the filter to see older ones.</source>
        <translation>
            <numerusform>Angezeigt wird der neueste Eintrag (%n); schränken Sie den Filter ein, um ältere zu sehen.</numerusform>
            <numerusform>Angezeigt werden die neuesten %n Einträge; schränken Sie den Filter ein, um ältere zu sehen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditPage.cpp" line="167"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n Eintrag.</numerusform>
            <numerusform>%n Einträge.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BounceDropArea</name>
    <message>
        <location filename="../ui/BounceDropArea.cpp" line="38"/>
        <source>Drop a bounce (.eml) here to see why it bounced.</source>
        <translation>Legen Sie einen Rückläufer (.eml) hier ab, um zu sehen, warum er nicht zugestellt wurde.</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropArea.cpp" line="44"/>
        <source>&amp;Open .eml…</source>
        <translation>.eml-Datei &amp;öffnen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BounceDropArea.cpp" line="72"/>
        <source>%1: %n recipient(s) classified. Drop another bounce to classify it.</source>
        <translation>
            <numerusform>%1: %n Empfänger klassifiziert. Legen Sie einen weiteren Rückläufer ab, um ihn zu klassifizieren.</numerusform>
            <numerusform>%1: %n Empfänger klassifiziert. Legen Sie einen weiteren Rückläufer ab, um ihn zu klassifizieren.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BounceDropArea.cpp" line="83"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropArea.cpp" line="105"/>
        <source>Open a bounce message</source>
        <translation>Rückläufer öffnen</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropArea.cpp" line="106"/>
        <source>E-mail messages (*.eml *.msg *.txt);;All files (*)</source>
        <translation>E-Mail-Nachrichten (*.eml *.msg *.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BounceDropModel</name>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="28"/>
        <source>(not named)</source>
        <translation>(nicht genannt)</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="32"/>
        <source>hard</source>
        <translation>hart</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="32"/>
        <source>soft</source>
        <translation>weich</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="49"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="51"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="53"/>
        <source>Hard/soft</source>
        <translation>Hart/weich</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="55"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="57"/>
        <source>Explanation</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <location filename="../ui/BounceDropModel.cpp" line="59"/>
        <source>Fix</source>
        <translation>Abhilfe</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BounceGroupModel</name>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="51"/>
        <source>Permanent</source>
        <translation>Dauerhaft</translation>
    </message>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="51"/>
        <source>Temporary</source>
        <translation>Vorübergehend</translation>
    </message>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="64"/>
        <source>The receiving side refused for good; retrying will not help.</source>
        <translation>Die Gegenseite hat endgültig abgelehnt; erneute Versuche helfen nicht.</translation>
    </message>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="65"/>
        <source>A temporary refusal that outlived the retry schedule.</source>
        <translation>Eine vorübergehende Ablehnung, die länger anhielt als der Wiederholungsplan.</translation>
    </message>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="95"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="97"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../ui/BounceGroupModel.cpp" line="99"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BounceRecipientModel</name>
    <message>
        <location filename="../ui/BounceRecipientModel.cpp" line="58"/>
        <source>%1
(from %2)</source>
        <translation>%1
(von %2)</translation>
    </message>
    <message>
        <location filename="../ui/BounceRecipientModel.cpp" line="90"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/BounceRecipientModel.cpp" line="92"/>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/BounceRecipientModel.cpp" line="94"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/BounceRecipientModel.cpp" line="96"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/BounceRecipientModel.cpp" line="98"/>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BouncesPage</name>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="66"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="67"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="68"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="70"/>
        <source>&amp;Failures in the:</source>
        <translation>Fehlschläge im &amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="108"/>
        <source>Affected recipients:</source>
        <translation>Betroffene Empfänger:</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="130"/>
        <source>&amp;Reasons</source>
        <translation>&amp;Gründe</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="131"/>
        <source>&amp;Suppressions</source>
        <translation>&amp;Unterdrückte Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="132"/>
        <source>Classify a &amp;bounce</source>
        <translation>Rückläufer &amp;klassifizieren</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="199"/>
        <source>No failed deliveries in this period.</source>
        <translation>Keine fehlgeschlagenen Zustellungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="200"/>
        <source>%1 in %2</source>
        <comment>recipients in groups</comment>
        <translation>%1 in %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BouncesPage.cpp" line="201"/>
        <source>%Ln failed recipient(s)</source>
        <translation>
            <numerusform>%Ln fehlgeschlagener Empfänger</numerusform>
            <numerusform>%Ln fehlgeschlagene Empfänger</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BouncesPage.cpp" line="202"/>
        <source>%Ln reason group(s)</source>
        <translation>
            <numerusform>%Ln Ursachengruppe</numerusform>
            <numerusform>%Ln Ursachengruppen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="234"/>
        <source>Nothing bounced</source>
        <translation>Keine Rückläufer</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="234"/>
        <source>Select a reason</source>
        <translation>Wählen Sie einen Grund</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="237"/>
        <source>&lt;p&gt;No message failed permanently in this period.&lt;/p&gt;</source>
        <translation>&lt;p&gt;In diesem Zeitraum ist keine Nachricht endgültig fehlgeschlagen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="238"/>
        <source>&lt;p&gt;Select a reason on the left to see what it means and how to fix it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wählen Sie links einen Grund, um zu sehen, was er bedeutet und wie Sie das Problem beheben.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="250"/>
        <source>What happened</source>
        <translation>Was ist passiert</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="251"/>
        <source>No explanation is known.</source>
        <translation>Keine Erklärung bekannt.</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="253"/>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="254"/>
        <source>No suggestion is known.</source>
        <translation>Kein Vorschlag bekannt.</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="256"/>
        <source>Permanent failure: the message was returned to its sender and will not be retried.</source>
        <translation>Endgültig fehlgeschlagen: Die Nachricht wurde an ihren Absender zurückgeschickt und wird nicht erneut versucht.</translation>
    </message>
    <message>
        <location filename="../ui/BouncesPage.cpp" line="258"/>
        <source>Temporary failure that lasted too long: the message was given up on.</source>
        <translation>Vorübergehender Fehler, der zu lange anhielt: Die Nachricht wurde aufgegeben.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CertificateGenerateDialog</name>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="45"/>
        <source>Generate a self-signed certificate for %1</source>
        <translation>Selbstsigniertes Zertifikat für %1 erzeugen</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="48"/>
        <source>ECDSA P-256 (recommended)</source>
        <translation>ECDSA P-256 (empfohlen)</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="50"/>
        <source>RSA 3072 (for very old devices)</source>
        <translation>RSA 3072 (für sehr alte Geräte)</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="61"/>
        <source>One per line: more host names and IP addresses devices may use to reach the relay.</source>
        <translation>Eine Angabe pro Zeile: weitere Hostnamen und IP-Adressen, über die Geräte das Relay erreichen.</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="67"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="72"/>
        <source>&amp;Key type:</source>
        <translation>&amp;Schlüsseltyp:</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="73"/>
        <source>&amp;Name (CN):</source>
        <translation>&amp;Name (CN):</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="74"/>
        <source>&amp;Extra names:</source>
        <translation>&amp;Weitere Namen:</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="75"/>
        <source>&amp;Valid for:</source>
        <translation>&amp;Gültig für:</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="76"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="80"/>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="118"/>
        <source>&quot;%1&quot; is not a host name.</source>
        <translation>„%1“ ist kein Hostname.</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="121"/>
        <source>&quot;%1&quot; is neither a host name nor an IP address.</source>
        <translation>„%1“ ist weder ein Hostname noch eine IP-Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/CertificateGenerateDialog.cpp" line="123"/>
        <source>Choose a folder for the certificate and key.</source>
        <translation>Wählen Sie einen Ordner für Zertifikat und Schlüssel.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CertificateModel</name>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="50"/>
        <source>no certificate</source>
        <translation>kein Zertifikat</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="54"/>
        <source>%1 (EXPIRED)</source>
        <translation>%1 (ABGELAUFEN)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CertificateModel.cpp" line="57"/>
        <source>%1 (%n day(s) left — renew soon)</source>
        <translation>
            <numerusform>%1 (noch %n Tag — bald erneuern)</numerusform>
            <numerusform>%1 (noch %n Tage — bald erneuern)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CertificateModel.cpp" line="58"/>
        <source>%1 (%n day(s) left)</source>
        <translation>
            <numerusform>%1 (noch %n Tag)</numerusform>
            <numerusform>%1 (noch %n Tage)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="81"/>
        <source>This listener accepts legacy TLS 1.0/1.1.</source>
        <translation>Dieser Listener akzeptiert das veraltete TLS 1.0/1.1.</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="95"/>
        <source>%1 (legacy TLS 1.0/1.1 allowed)</source>
        <translation>%1 (veraltetes TLS 1.0/1.1 erlaubt)</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="103"/>
        <source>self-signed</source>
        <translation>selbstsigniert</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="123"/>
        <source>Listener</source>
        <translation>Listener</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="125"/>
        <source>Subject</source>
        <translation>Antragsteller</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="127"/>
        <source>Names (SANs)</source>
        <translation>Namen (SANs)</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="129"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="131"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location filename="../ui/CertificateModel.cpp" line="133"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CertificatesPage</name>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="55"/>
        <source>&amp;Generate self-signed…</source>
        <translation>&amp;Selbstsigniertes erzeugen…</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="57"/>
        <source>&amp;Import PEM / PKCS#12…</source>
        <translation>PEM / PKCS#12 i&amp;mportieren…</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="116"/>
        <source>⚠ Legacy TLS 1.0/1.1 is allowed on: %1. These versions are weak; allow them only for old devices that cannot do better, and only on a trusted network.</source>
        <translation>⚠ Veraltetes TLS 1.0/1.1 ist erlaubt auf: %1. Diese Versionen sind schwach; erlauben Sie sie nur für alte Geräte, die nichts Besseres können, und nur in einem vertrauenswürdigen Netz.</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="153"/>
        <source>No listener is configured.</source>
        <translation>Es ist kein Listener eingerichtet.</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="178"/>
        <source>Generating a certificate for %1…</source>
        <translation>Zertifikat für %1 wird erzeugt…</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="189"/>
        <source>Certificate to import for %1</source>
        <translation>Zu importierendes Zertifikat für %1</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="194"/>
        <source>Certificates (*.pem *.crt *.cer *.p12 *.pfx)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="194"/>
        <location filename="../ui/CertificatesPage.cpp" line="211"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="206"/>
        <source>Private key for %1</source>
        <translation>Privater Schlüssel für %1</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="211"/>
        <source>Private keys (*.pem *.key)</source>
        <translation>Private Schlüssel (*.pem *.key)</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="225"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="226"/>
        <source>Password of the PKCS#12 file (empty if none):</source>
        <translation>Passwort der PKCS#12-Datei (leer, falls keines):</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="227"/>
        <source>Password of the private key (empty if none):</source>
        <translation>Passwort des privaten Schlüssels (leer, falls keines):</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="243"/>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="256"/>
        <source>No new certificate for %1: %2</source>
        <translation>Kein neues Zertifikat für %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/CertificatesPage.cpp" line="260"/>
        <source>%1 now has the certificate for %2, valid until %3.</source>
        <translation>%1 hat jetzt das Zertifikat für %2, gültig bis %3.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CredentialEntryDialog</name>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="18"/>
        <source>Add credential</source>
        <translation>Zugangsdaten hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="18"/>
        <source>Replace credential</source>
        <translation>Zugangsdaten ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="23"/>
        <source>Keychain (recommended)</source>
        <translation>Schlüsselbund (empfohlen)</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="24"/>
        <source>Daemon file store (0600 file)</source>
        <translation>Dateispeicher des Dienstes (Datei mit Modus 0600)</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="25"/>
        <source>&amp;Store in:</source>
        <translation>&amp;Speichern in:</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="28"/>
        <source>e.g. smarthost</source>
        <translation>z. B. smarthost</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="29"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="35"/>
        <source>Reference:</source>
        <translation>Verweis:</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="40"/>
        <source>S&amp;ecret:</source>
        <translation>&amp;Geheimnis:</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="44"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholung:</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="51"/>
        <source>Store</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="90"/>
        <source>A name is 1 to 64 letters, digits or . _ -</source>
        <translation>Ein Name besteht aus 1 bis 64 Buchstaben, Ziffern oder . _ -</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="92"/>
        <source>Enter the secret.</source>
        <translation>Geben Sie das Geheimnis ein.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialEntryDialog.cpp" line="94"/>
        <source>The two entries differ.</source>
        <translation>Die beiden Eingaben stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CredentialModel</name>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="42"/>
        <source>Cannot read: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="43"/>
        <location filename="../ui/CredentialModel.cpp" line="106"/>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="43"/>
        <source>No secret stored</source>
        <translation>Kein Geheimnis gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="50"/>
        <source>(default smarthost)</source>
        <translation>(Standard-Smarthost)</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="52"/>
        <source>TLS key of listener %1</source>
        <translation>TLS-Schlüssel von Listener %1</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="54"/>
        <source>TLS key of listeners %1</source>
        <translation>TLS-Schlüssel der Listener %1</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="83"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="83"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="100"/>
        <source>Reference</source>
        <translation>Verweis</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="102"/>
        <source>Used by</source>
        <translation>Verwendet von</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="104"/>
        <source>Backend</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location filename="../ui/CredentialModel.cpp" line="108"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CredentialRevealDialog</name>
    <message>
        <location filename="../ui/CredentialRevealDialog.cpp" line="17"/>
        <source>Secret of %1</source>
        <translation>Geheimnis von %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CredentialRevealDialog.cpp" line="39"/>
        <location filename="../ui/CredentialRevealDialog.cpp" line="55"/>
        <source>Hidden again in %n second(s).</source>
        <translation>
            <numerusform>Wird in %n Sekunde wieder verborgen.</numerusform>
            <numerusform>Wird in %n Sekunden wieder verborgen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CredentialsPage</name>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="64"/>
        <source>Use the &amp;file store…</source>
        <translation>Datei&amp;speicher verwenden…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="70"/>
        <source>&amp;Move into the keychain…</source>
        <translation>In den Schlüsselbund &amp;verschieben…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="75"/>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="77"/>
        <source>&amp;Replace…</source>
        <translation>&amp;Ersetzen…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="79"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="81"/>
        <source>&amp;Show…</source>
        <translation>&amp;Anzeigen…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="83"/>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="85"/>
        <source>Log in to the smarthost that uses this secret (no mail is sent).</source>
        <translation>Beim Smarthost anmelden, der dieses Geheimnis verwendet (es wird keine E-Mail gesendet).</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="198"/>
        <source>The configuration uses no stored secrets.</source>
        <translation>Die Konfiguration verwendet keine gespeicherten Geheimnisse.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="209"/>
        <source>&lt;b&gt;No keychain available.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Kein Schlüsselbund verfügbar.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="212"/>
        <source>You chose the daemon&apos;s file store: new secrets go into a file only this user can read (local: references).</source>
        <translation>Sie haben den Dateispeicher des Dienstes gewählt: Neue Geheimnisse kommen in eine Datei, die nur dieser Benutzer lesen kann (Verweise mit local:).</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="237"/>
        <location filename="../ui/CredentialsPage.cpp" line="241"/>
        <source>Use the file store</source>
        <translation>Dateispeicher verwenden</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="238"/>
        <source>Store secrets in the daemon&apos;s file store instead of a keychain? The file is readable only by this user (mode 0600) but is not encrypted: anyone with this user&apos;s or root&apos;s rights can read it.</source>
        <translation>Geheimnisse im Dateispeicher des Dienstes statt in einem Schlüsselbund ablegen? Die Datei ist nur für diesen Benutzer lesbar (Modus 0600), aber nicht verschlüsselt: Wer die Rechte dieses Benutzers oder von root hat, kann sie lesen.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="263"/>
        <source>Choose &quot;Use the file store&quot; first, or start a keychain.</source>
        <translation>Wählen Sie zuerst „Dateispeicher verwenden“ oder starten Sie einen Schlüsselbund.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="266"/>
        <location filename="../ui/CredentialsPage.cpp" line="285"/>
        <source>Storing %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="296"/>
        <source>Delete secret</source>
        <translation>Geheimnis löschen</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="297"/>
        <source>Delete the secret stored under %1? Mail to a smarthost that uses it will wait until a new one is stored.</source>
        <translation>Das unter %1 gespeicherte Geheimnis löschen? E-Mails an einen Smarthost, der es verwendet, warten, bis ein neues gespeichert ist.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="300"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="306"/>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="317"/>
        <source>Show secret</source>
        <translation>Geheimnis anzeigen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CredentialsPage.cpp" line="318"/>
        <source>Show the secret stored under %1 on screen for %n second(s)? This is recorded in the audit log.</source>
        <translation>
            <numerusform>Das unter %1 gespeicherte Geheimnis %n Sekunde lang auf dem Bildschirm anzeigen? Dies wird im Audit-Protokoll vermerkt.</numerusform>
            <numerusform>Das unter %1 gespeicherte Geheimnis %n Sekunden lang auf dem Bildschirm anzeigen? Dies wird im Audit-Protokoll vermerkt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="322"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="344"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="362"/>
        <source>Testing the login…</source>
        <translation>Anmeldung wird getestet…</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="372"/>
        <source>the default smarthost</source>
        <translation>dem Standard-Smarthost</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="373"/>
        <source>✔ Login to %1 works: %2</source>
        <translation>✔ Anmeldung bei %1 funktioniert: %2</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="374"/>
        <source>✘ Login to %1 failed: %2</source>
        <translation>✘ Anmeldung bei %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="382"/>
        <source>&lt;b&gt;Secrets in plain text.&lt;/b&gt; %1 holds secrets in plain text (%2). Move them into the keychain; the file then keeps only references.</source>
        <translation>&lt;b&gt;Geheimnisse im Klartext.&lt;/b&gt; %1 enthält Geheimnisse im Klartext (%2). Verschieben Sie sie in den Schlüsselbund; die Datei enthält danach nur noch Verweise.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="393"/>
        <source>Move secrets</source>
        <translation>Geheimnisse verschieben</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="394"/>
        <source>Move the plain-text secrets of %1 into the keychain? The file is rewritten with references; a copy is kept as %1.bak (delete it once the relay works).</source>
        <translation>Die Klartext-Geheimnisse aus %1 in den Schlüsselbund verschieben? Die Datei wird mit Verweisen neu geschrieben; eine Kopie bleibt als %1.bak erhalten (löschen Sie sie, sobald das Relay funktioniert).</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="398"/>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="416"/>
        <source>The secrets were not moved: %1</source>
        <translation>Die Geheimnisse wurden nicht verschoben: %1</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="422"/>
        <source>[%1] %2 → %3</source>
        <translation>[%1] %2 → %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CredentialsPage.cpp" line="424"/>
        <source>Moved %n secret(s) into the keychain: </source>
        <translation>
            <numerusform>%n Geheimnis in den Schlüsselbund verschoben: </numerusform>
            <numerusform>%n Geheimnisse in den Schlüsselbund verschoben: </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="432"/>
        <source>Secret stored.</source>
        <translation>Geheimnis gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="433"/>
        <source>Not stored: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="435"/>
        <source>Secret deleted.</source>
        <translation>Geheimnis gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/CredentialsPage.cpp" line="436"/>
        <source>Not deleted: %1</source>
        <translation>Nicht gelöscht: %1</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DeliveryLogModel</name>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="60"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="132"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="134"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="136"/>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="138"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="140"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="142"/>
        <source>Upstream</source>
        <translation>Zielserver</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="144"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="146"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="148"/>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogModel.cpp" line="150"/>
        <source>Upstream queue ID</source>
        <translation>Queue-ID beim Zielserver</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DeliveryLogPage</name>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="108"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="110"/>
        <source>Save the rows that match the filter as a CSV file</source>
        <translation>Die zum Filter passenden Zeilen als CSV-Datei speichern</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="121"/>
        <source>&amp;Time:</source>
        <translation>&amp;Zeit:</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="126"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="130"/>
        <source>&amp;Result:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="183"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="184"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="185"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="186"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="187"/>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="195"/>
        <source>From (inclusive)</source>
        <translation>Von (einschließlich)</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="200"/>
        <source>To (exclusive)</source>
        <translation>Bis (ausschließlich)</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="204"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="205"/>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="206"/>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="207"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="209"/>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="210"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="211"/>
        <source>Device (address or name)</source>
        <translation>Gerät (Adresse oder Name)</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="212"/>
        <source>Reply text or code</source>
        <translation>Antworttext oder Code</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="304"/>
        <source>No delivery attempts match the filter.</source>
        <translation>Keine Zustellversuche passen zum Filter.</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="307"/>
        <source>%1 rows, limited to %2 — narrow the filter to see older ones</source>
        <translation>%1 Zeilen, begrenzt auf %2 — schränken Sie den Filter ein, um ältere zu sehen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeliveryLogPage.cpp" line="310"/>
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln Zeile</numerusform>
            <numerusform>%Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="315"/>
        <source>Export delivery log</source>
        <translation>Zustellprotokoll exportieren</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="319"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="339"/>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <location filename="../ui/DeliveryLogPage.cpp" line="351"/>
        <source>Export to %1 failed: %2</source>
        <translation>Export nach %1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeliveryLogPage.cpp" line="353"/>
        <source>Exported %Ln row(s) to %1</source>
        <translation>
            <numerusform>%Ln Zeile nach %1 exportiert</numerusform>
            <numerusform>%Ln Zeilen nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DeviceModel</name>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="56"/>
        <location filename="../ui/DeviceModel.cpp" line="127"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="59"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="61"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="63"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="64"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="70"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="71"/>
        <source>every %n h</source>
        <translation>
            <numerusform>alle %n h</numerusform>
            <numerusform>alle %n h</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="73"/>
        <source>%1 — quiet</source>
        <translation>%1 — verstummt</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="92"/>
        <source>No mail from this device for more than %n hour(s).</source>
        <translation>
            <numerusform>Seit mehr als %n Stunde keine E-Mail von diesem Gerät.</numerusform>
            <numerusform>Seit mehr als %n Stunden keine E-Mail von diesem Gerät.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="148"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="150"/>
        <source>Reverse name</source>
        <translation>Reverse-DNS-Name</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="152"/>
        <source>EHLO name</source>
        <translation>EHLO-Name</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="154"/>
        <source>AUTH identity</source>
        <translation>AUTH-Identität</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="156"/>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="158"/>
        <source>Messages today</source>
        <translation>Nachrichten heute</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="160"/>
        <source>Errors today</source>
        <translation>Fehler heute</translation>
    </message>
    <message>
        <location filename="../ui/DeviceModel.cpp" line="162"/>
        <source>Expect mail</source>
        <translation>E-Mail erwartet</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DevicesPage</name>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="68"/>
        <source>&lt;b&gt;Test my printer:&lt;/b&gt; send a test scan or e-mail from the device, then look here. Below is the device&apos;s last SMTP session with the relay, word for word; it is refreshed each time the device sends.</source>
        <translation>&lt;b&gt;Drucker testen:&lt;/b&gt; Senden Sie einen Testscan oder eine Test-E-Mail vom Gerät und sehen Sie dann hier nach. Unten steht die letzte SMTP-Sitzung des Geräts mit dem Relay, Wort für Wort; sie wird bei jedem Senden des Geräts aktualisiert.</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="80"/>
        <source>No session recorded for this device yet.</source>
        <translation>Für dieses Gerät wurde noch keine Sitzung aufgezeichnet.</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="85"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="86"/>
        <source>Raise an alert when this device sends nothing for longer. 0 turns the check off.</source>
        <translation>Eine Meldung ausgeben, wenn dieses Gerät länger nichts sendet. 0 schaltet die Prüfung ab.</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="88"/>
        <source>E&amp;xpect mail at least every</source>
        <translation>&amp;E-Mail erwarten mindestens alle</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="90"/>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="91"/>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="190"/>
        <source>No device has sent mail yet.</source>
        <translation>Noch kein Gerät hat E-Mails gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="191"/>
        <source>Select a device.</source>
        <translation>Wählen Sie ein Gerät.</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="203"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="203"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="207"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="210"/>
        <source>First seen %1 · last seen %2 · %3 message(s) in total</source>
        <translation>Zuerst gesehen %1 · zuletzt gesehen %2 · Nachrichten insgesamt: %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DevicesPage.cpp" line="214"/>
        <source>⚠ Quiet: no mail for more than %n hour(s).</source>
        <translation>
            <numerusform>⚠ Verstummt: seit mehr als %n Stunde keine E-Mail.</numerusform>
            <numerusform>⚠ Verstummt: seit mehr als %n Stunden keine E-Mail.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="233"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="246"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../ui/DevicesPage.cpp" line="250"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::HourlyChart</name>
    <message>
        <location filename="../ui/HourlyChart.cpp" line="25"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../ui/HourlyChart.cpp" line="30"/>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/HourlyChart.cpp" line="31"/>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../ui/HourlyChart.cpp" line="32"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/HourlyChart.cpp" line="41"/>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::LockoutModel</name>
    <message>
        <location filename="../ui/LockoutModel.cpp" line="64"/>
        <source>Client address</source>
        <translation>Client-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/LockoutModel.cpp" line="66"/>
        <source>Failed logins</source>
        <translation>Fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
        <location filename="../ui/LockoutModel.cpp" line="68"/>
        <source>Blocked until</source>
        <translation>Gesperrt bis</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::LockoutsPage</name>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="39"/>
        <source>Addresses that failed to log in too often are blocked from logging in for a while. Unblock one you trust (e.g. after fixing a device&apos;s password).</source>
        <translation>Adressen mit zu vielen fehlgeschlagenen Anmeldungen werden eine Zeit lang für die Anmeldung gesperrt. Entsperren Sie eine Adresse, der Sie vertrauen (z. B. nachdem Sie das Passwort eines Geräts korrigiert haben).</translation>
    </message>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="44"/>
        <source>&amp;Unblock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="107"/>
        <location filename="../ui/LockoutsPage.cpp" line="108"/>
        <source>No client is blocked.</source>
        <translation>Kein Client ist gesperrt.</translation>
    </message>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="119"/>
        <source>Unblocking %1…</source>
        <translation>%1 wird entsperrt…</translation>
    </message>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="131"/>
        <source>%1 was not unblocked: %2</source>
        <translation>%1 wurde nicht entsperrt: %2</translation>
    </message>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="133"/>
        <source>%1 was no longer blocked.</source>
        <translation>%1 war nicht mehr gesperrt.</translation>
    </message>
    <message>
        <location filename="../ui/LockoutsPage.cpp" line="135"/>
        <source>%1 unblocked.</source>
        <translation>%1 entsperrt.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="35"/>
        <location filename="../ui/MainWindow.cpp" line="276"/>
        <source>RelayDesk</source>
        <translation>RelayDesk</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="70"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="99"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="101"/>
        <source>Delivery Log</source>
        <translation>Zustellprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>Bounces</source>
        <translation>Rückläufer</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="105"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="107"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="155"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="156"/>
        <source>Start at &amp;Login (minimised)</source>
        <translation>Bei der &amp;Anmeldung starten (minimiert)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="162"/>
        <source>&amp;Close Window</source>
        <translation>Fenster &amp;schließen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="164"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="169"/>
        <source>&amp;Relay</source>
        <translation>&amp;Relay</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="171"/>
        <location filename="../ui/MainWindow.cpp" line="216"/>
        <source>&amp;Pause Intake</source>
        <translation>Annahme &amp;pausieren</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="176"/>
        <source>Refuse new mail with a temporary error; queued mail keeps being delivered</source>
        <translation>Neue E-Mails mit einem vorübergehenden Fehler ablehnen; E-Mails in der Warteschlange werden weiter zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="179"/>
        <source>&amp;Flush Queue</source>
        <translation>Warteschlange &amp;jetzt zustellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="182"/>
        <source>Retry every deferred message now</source>
        <translation>Jede zurückgestellte Nachricht jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="185"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="188"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="189"/>
        <source>&amp;Dark Theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="195"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="196"/>
        <source>&amp;About RelayDesk</source>
        <translation>&amp;Über RelayDesk</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="197"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="204"/>
        <source>%1 queued · %2 deferred · %3 held · %4 failed today · %5 delivered today</source>
        <translation>%1 in der Warteschlange · %2 zurückgestellt · %3 zurückgehalten · %4 heute fehlgeschlagen · %5 heute zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="216"/>
        <source>Resume &amp;Intake</source>
        <translation>Annahme &amp;fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="277"/>
        <source>The login start could not be changed:

%1</source>
        <translation>Der Start bei der Anmeldung konnte nicht geändert werden:

%1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="286"/>
        <source>About RelayDesk</source>
        <translation>Über RelayDesk</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="287"/>
        <source>&lt;b&gt;RelayDesk %1&lt;/b&gt;&lt;p&gt;The office mail relay: accepts mail from printers, scanners and applications on the LAN, keeps every message safe on disk and forwards it to your mail provider.&lt;/p&gt;</source>
        <translation>&lt;b&gt;RelayDesk %1&lt;/b&gt;&lt;p&gt;Das Mail-Relay fürs Büro: nimmt E-Mails von Druckern, Scannern und Anwendungen im LAN an, speichert jede Nachricht sicher auf der Festplatte und leitet sie an Ihren E-Mail-Anbieter weiter.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 queued · %2 deferred · %3 failed · %4 delivered</source>
        <translation type="vanished">%1 in der Warteschlange · %2 zurückgestellt · %3 fehlgeschlagen · %4 zugestellt</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::MessageDetailDialog</name>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="142"/>
        <source>Relayed mail</source>
        <translation>Weitergeleitete E-Mail</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="144"/>
        <source>Failure report we sent (DSN)</source>
        <translation>Von uns gesendeter Fehlerbericht (DSN)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="146"/>
        <source>Delay warning we sent (DSN)</source>
        <translation>Von uns gesendete Verzögerungswarnung (DSN)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="173"/>
        <source>Reason: %1 (%2)%3
What happened: %4
What to do: %5</source>
        <translation>Grund: %1 (%2)%3
Was ist passiert: %4
Was zu tun ist: %5</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="175"/>
        <source>permanent</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="176"/>
        <source>temporary</source>
        <translation>vorübergehend</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="204"/>
        <location filename="../ui/MessageDetailDialog.cpp" line="357"/>
        <source>Message %1</source>
        <translation>Nachricht %1</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="211"/>
        <source>&amp;Envelope</source>
        <translation>&amp;Umschlag</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="213"/>
        <source>&amp;Headers</source>
        <translation>&amp;Kopfzeilen</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="214"/>
        <source>Delivery &amp;attempts</source>
        <translation>&amp;Zustellversuche</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="221"/>
        <source>&amp;Save as .eml…</source>
        <translation>Als .eml &amp;speichern…</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="224"/>
        <source>&amp;Copy transcript</source>
        <translation>&amp;Mitschnitt kopieren</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="227"/>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="265"/>
        <source>Envelope</source>
        <translation>Umschlag</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="272"/>
        <source>Sender:</source>
        <translation>Absender:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="273"/>
        <source>Received:</source>
        <translation>Empfangen:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="274"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="275"/>
        <source>Kind:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="276"/>
        <source>DSN request:</source>
        <translation>DSN-Anforderung:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="278"/>
        <source>How it came in</source>
        <translation>Wie sie ankam</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="285"/>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="286"/>
        <source>EHLO name:</source>
        <translation>EHLO-Name:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="287"/>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="288"/>
        <source>AUTH user:</source>
        <translation>AUTH-Benutzer:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="289"/>
        <source>Listener:</source>
        <translation>Listener:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="292"/>
        <location filename="../ui/MessageDetailDialog.cpp" line="310"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="292"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="292"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="292"/>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="293"/>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="293"/>
        <source>Notify</source>
        <translation>Benachrichtigung</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="300"/>
        <source>Recipients:</source>
        <translation>Empfänger:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="310"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="310"/>
        <source>Upstream</source>
        <translation>Zielserver</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="310"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="310"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="311"/>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="311"/>
        <source>Upstream queue id</source>
        <translation>Queue-ID beim Zielserver</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="314"/>
        <source>Upstream&apos;s reply</source>
        <translation>Antwort des Zielservers</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="321"/>
        <source>SMTP transcript of this attempt</source>
        <translation>SMTP-Mitschnitt dieses Versuchs</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="339"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="350"/>
        <source>This message is no longer in the store.</source>
        <translation>Diese Nachricht ist nicht mehr im Speicher.</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="358"/>
        <source>Message %1 — %2</source>
        <translation>Nachricht %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="360"/>
        <source>&lt;&gt; (null sender)</source>
        <translation>&lt;&gt; (leerer Absender)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MessageDetailDialog.cpp" line="362"/>
        <source>%1 (%n octet(s))</source>
        <translation>
            <numerusform>%1 (%n Byte)</numerusform>
            <numerusform>%1 (%n Byte)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="367"/>
        <source>RET=%1</source>
        <translation>RET=%1</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="369"/>
        <source>ENVID=%1</source>
        <translation>ENVID=%1</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="370"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="371"/>
        <location filename="../ui/MessageDetailDialog.cpp" line="375"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="372"/>
        <source>none given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="373"/>
        <source>none (plain text)</source>
        <translation>keins (Klartext)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="374"/>
        <source>not authenticated</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="392"/>
        <source>ORCPT: %1</source>
        <translation>ORCPT: %1</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="401"/>
        <source>(The content was dropped after final delivery.)</source>
        <translation>(Der Inhalt wurde nach der endgültigen Zustellung verworfen.)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="411"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="435"/>
        <source>Save the message as it was received</source>
        <translation>Die Nachricht so speichern, wie sie empfangen wurde</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="436"/>
        <source>The content was dropped after final delivery</source>
        <translation>Der Inhalt wurde nach der endgültigen Zustellung verworfen</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="438"/>
        <location filename="../ui/MessageDetailDialog.cpp" line="445"/>
        <source>No delivery attempt yet.</source>
        <translation>Noch kein Zustellversuch.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MessageDetailDialog.cpp" line="439"/>
        <source>%n delivery attempt(s).</source>
        <translation>
            <numerusform>%n Zustellversuch.</numerusform>
            <numerusform>%n Zustellversuche.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="457"/>
        <source>(No transcript was recorded for this attempt.)</source>
        <translation>(Für diesen Versuch wurde kein Mitschnitt aufgezeichnet.)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="469"/>
        <source>Message %1, attempt at %2 to %3 for %4</source>
        <translation>Nachricht %1, Versuch vom %2 bei %3 für %4</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="475"/>
        <source>Transcript copied to the clipboard.</source>
        <translation>Mitschnitt in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="482"/>
        <source>Save message as</source>
        <translation>Nachricht speichern unter</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="488"/>
        <source>E-mail messages (*.eml)</source>
        <translation>E-Mail-Nachrichten (*.eml)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="488"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="505"/>
        <source>Saving to %1…</source>
        <translation>Wird in %1 gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="516"/>
        <source>Saved to %1.</source>
        <translation>In %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailDialog.cpp" line="518"/>
        <source>Could not save to %1: %2</source>
        <translation>Konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::Notifier</name>
    <message>
        <location filename="../ui/Notifier.cpp" line="39"/>
        <source>Message failed</source>
        <translation>Nachricht fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/Notifier.cpp" line="41"/>
        <source>Queue is stuck</source>
        <translation>Warteschlange hängt</translation>
    </message>
    <message>
        <location filename="../ui/Notifier.cpp" line="43"/>
        <source>Upstream unreachable</source>
        <translation>Zielserver nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../ui/Notifier.cpp" line="45"/>
        <source>Device went quiet</source>
        <translation>Gerät ist verstummt</translation>
    </message>
    <message>
        <location filename="../ui/Notifier.cpp" line="47"/>
        <source>Certificate expiring</source>
        <translation>Zertifikat läuft ab</translation>
    </message>
    <message>
        <location filename="../ui/Notifier.cpp" line="49"/>
        <source>Unusual sending volume</source>
        <translation>Ungewöhnliches Sendevolumen</translation>
    </message>
    <message>
        <location filename="../ui/Notifier.cpp" line="51"/>
        <location filename="../ui/Notifier.cpp" line="85"/>
        <source>RelayDesk</source>
        <translation>RelayDesk</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/Notifier.cpp" line="85"/>
        <source>%n more alert(s) — see the Overview for details.</source>
        <translation>
            <numerusform>%n weitere Meldung — Einzelheiten in der Übersicht.</numerusform>
            <numerusform>%n weitere Meldungen — Einzelheiten in der Übersicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/Notifier.cpp" line="91"/>
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::OverviewPage</name>
    <message>
        <source>Stopped</source>
        <translation type="vanished">Angehalten</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="vanished">Startet …</translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="vanished">Läuft</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="vanished">Hält an …</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="vanished">Fehlgeschlagen</translation>
    </message>
    <message>
        <source>none waiting</source>
        <translation type="vanished">keine wartend</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation type="vanished">
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="vanished">
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation type="vanished">
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="43"/>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="52"/>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="53"/>
        <source>Listening on:</source>
        <translation>Lauscht auf:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="54"/>
        <source>Smarthost:</source>
        <translation>Smarthost:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="55"/>
        <source>Connections:</source>
        <translation>Verbindungen:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="57"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="66"/>
        <source>Queued:</source>
        <translation>In der Warteschlange:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="67"/>
        <source>Being delivered:</source>
        <translation>Wird zugestellt:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="68"/>
        <source>Deferred (will retry):</source>
        <translation>Zurückgestellt (neuer Versuch folgt):</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="69"/>
        <source>Held:</source>
        <translation>Zurückgehalten:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="70"/>
        <source>Failed today:</source>
        <translation>Heute fehlgeschlagen:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="71"/>
        <source>Delivered today:</source>
        <translation>Heute zugestellt:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="182"/>
        <source>%1 from clients, %2 to upstreams</source>
        <translation>%1 von Clients, %2 zu Zielservern</translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation type="vanished">Fehlgeschlagen:</translation>
    </message>
    <message>
        <source>Delivered:</source>
        <translation type="vanished">Zugestellt:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="72"/>
        <source>Oldest waiting:</source>
        <translation>Älteste wartende:</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="74"/>
        <source>&amp;Retry deferred now</source>
        <translation>Zurückgestellte &amp;jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="77"/>
        <source>Try every deferred message again without waiting for its retry time</source>
        <translation>Jede zurückgestellte Nachricht sofort erneut versuchen, ohne auf ihren Wiederholungszeitpunkt zu warten</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="96"/>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="177"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../ui/OverviewPage.cpp" line="180"/>
        <source>none configured — mail is kept in the queue</source>
        <translation>keiner eingerichtet – Mails bleiben in der Warteschlange</translation>
    </message>
    <message>
        <source>%1 from clients, %2 to the smarthost</source>
        <translation type="vanished">%1 von Clients, %2 zum Smarthost</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::QueueModel</name>
    <message>
        <location filename="../ui/QueueModel.cpp" line="94"/>
        <source>&lt;&gt; (null sender)</source>
        <translation>&lt;&gt; (leerer Absender)</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="98"/>
        <source>%1 (%2 of %3 pending)</source>
        <translation>%1 (%2 von %3 ausstehend)</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="109"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="133"/>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="135"/>
        <source>EHLO: %1</source>
        <translation>EHLO: %1</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="137"/>
        <source>AUTH user: %1</source>
        <translation>AUTH-Benutzer: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueueModel.cpp" line="143"/>
        <source>%n octet(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Byte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="168"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="170"/>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="172"/>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="174"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="176"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="178"/>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="180"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="182"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="184"/>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location filename="../ui/QueueModel.cpp" line="186"/>
        <source>Last reply</source>
        <translation>Letzte Antwort</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::QueuePage</name>
    <message>
        <location filename="../ui/QueuePage.cpp" line="54"/>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="55"/>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="56"/>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="57"/>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="58"/>
        <source>Being delivered</source>
        <translation>Wird zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="59"/>
        <source>&amp;State:</source>
        <translation>&amp;Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="65"/>
        <source>Filter by sender, recipient, device, route or reply</source>
        <translation>Nach Absender, Empfänger, Gerät, Route oder Antwort filtern</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="66"/>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="82"/>
        <source>&amp;Retry now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="84"/>
        <source>&amp;Hold</source>
        <translation>Zurück&amp;halten</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="86"/>
        <source>Re&amp;lease</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="88"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="90"/>
        <source>&amp;Flush all</source>
        <translation>Alle s&amp;ofort zustellen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="93"/>
        <source>Re&amp;fresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="94"/>
        <source>Try the selected messages again now</source>
        <translation>Die ausgewählten Nachrichten jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="95"/>
        <source>Keep the selected messages from being delivered until released</source>
        <translation>Die ausgewählten Nachrichten bis zur Freigabe nicht zustellen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="96"/>
        <source>Let held messages be delivered again</source>
        <translation>Zurückgehaltene Nachrichten wieder zur Zustellung freigeben</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="97"/>
        <source>Remove the selected messages from the queue</source>
        <translation>Die ausgewählten Nachrichten aus der Warteschlange entfernen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="98"/>
        <source>Retry every deferred message now</source>
        <translation>Jede zurückgestellte Nachricht jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="100"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="353"/>
        <source>The queue is empty: every message has been handed on.</source>
        <translation>Die Warteschlange ist leer: Jede Nachricht wurde weitergegeben.</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="354"/>
        <source>Loading the queue…</source>
        <translation>Warteschlange wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="357"/>
        <source>No message in the queue matches the filter.</source>
        <translation>Keine Nachricht in der Warteschlange passt zum Filter.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="362"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="363"/>
        <source>%1 of %n message(s)</source>
        <translation>
            <numerusform>%1 von %n Nachricht</numerusform>
            <numerusform>%1 von %n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="372"/>
        <source>Retrying %n message(s)…</source>
        <translation>
            <numerusform>%n Nachricht wird erneut versucht…</numerusform>
            <numerusform>%n Nachrichten werden erneut versucht…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="381"/>
        <source>Holding %n message(s)…</source>
        <translation>
            <numerusform>%n Nachricht wird zurückgehalten…</numerusform>
            <numerusform>%n Nachrichten werden zurückgehalten…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="390"/>
        <source>Releasing %n message(s)…</source>
        <translation>
            <numerusform>%n Nachricht wird freigegeben…</numerusform>
            <numerusform>%n Nachrichten werden freigegeben…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="401"/>
        <source>Delete messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="402"/>
        <source>Delete %n selected message(s) from the queue? They will not be delivered, and this cannot be undone.</source>
        <translation>
            <numerusform>Die %n ausgewählte Nachricht aus der Warteschlange löschen? Sie wird nicht zugestellt, und das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Die %n ausgewählten Nachrichten aus der Warteschlange löschen? Sie werden nicht zugestellt, und das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="407"/>
        <source>Delete %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht löschen</numerusform>
            <numerusform>%n Nachrichten löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="417"/>
        <source>Deleting %n message(s)…</source>
        <translation>
            <numerusform>%n Nachricht wird gelöscht…</numerusform>
            <numerusform>%n Nachrichten werden gelöscht…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="427"/>
        <source>Retrying every deferred message now.</source>
        <translation>Jede zurückgestellte Nachricht wird jetzt erneut versucht.</translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="437"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="438"/>
        <source>%n recipient(s) will be retried now.</source>
        <translation>
            <numerusform>%n Empfänger wird jetzt erneut versucht.</numerusform>
            <numerusform>%n Empfänger werden jetzt erneut versucht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="440"/>
        <source>Hold</source>
        <translation>Zurückhalten</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="441"/>
        <source>%n recipient(s) held.</source>
        <translation>
            <numerusform>%n Empfänger zurückgehalten.</numerusform>
            <numerusform>%n Empfänger zurückgehalten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="443"/>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="444"/>
        <source>%n recipient(s) released.</source>
        <translation>
            <numerusform>%n Empfänger freigegeben.</numerusform>
            <numerusform>%n Empfänger freigegeben.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="446"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="447"/>
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n Nachricht gelöscht.</numerusform>
            <numerusform>%n Nachrichten gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="449"/>
        <source>Flush</source>
        <translation>Sofort zustellen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="450"/>
        <source>%n deferred recipient(s) will be retried now.</source>
        <translation>
            <numerusform>%n zurückgestellter Empfänger wird jetzt erneut versucht.</numerusform>
            <numerusform>%n zurückgestellte Empfänger werden jetzt erneut versucht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/QueuePage.cpp" line="454"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::RouteHealthModel</name>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="54"/>
        <source>%1 (smarthost)</source>
        <translation>%1 (Smarthost)</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="54"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="56"/>
        <source>%1 (direct MX)</source>
        <translation>%1 (direktes MX)</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="89"/>
        <source>%1 until %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="101"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="103"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="125"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="127"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="129"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="131"/>
        <source>Sent (1 min)</source>
        <translation>Gesendet (1 min)</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="133"/>
        <source>Sent (24 h)</source>
        <translation>Gesendet (24 h)</translation>
    </message>
    <message>
        <location filename="../ui/RouteHealthModel.cpp" line="135"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SecurityPage</name>
    <message>
        <location filename="../ui/SecurityPage.cpp" line="36"/>
        <source>&amp;Credentials</source>
        <translation>&amp;Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/SecurityPage.cpp" line="37"/>
        <source>&amp;Accounts</source>
        <translation>&amp;Konten</translation>
    </message>
    <message>
        <location filename="../ui/SecurityPage.cpp" line="38"/>
        <source>Cer&amp;tificates</source>
        <translation>Zertif&amp;ikate</translation>
    </message>
    <message>
        <location filename="../ui/SecurityPage.cpp" line="39"/>
        <source>&amp;Blocked clients</source>
        <translation>&amp;Gesperrte Clients</translation>
    </message>
    <message>
        <location filename="../ui/SecurityPage.cpp" line="40"/>
        <source>Audit &amp;log</source>
        <translation>Audit-&amp;Protokoll</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsGeneralTab</name>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="19"/>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="23"/>
        <source>Our name in the SMTP greeting, EHLO and Received: headers.</source>
        <translation>Unser Name in der SMTP-Begrüßung, im EHLO und in Received:-Kopfzeilen.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="24"/>
        <source>Host name:</source>
        <translation>Hostname:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="26"/>
        <source>&amp;Data directory:</source>
        <translation>&amp;Datenverzeichnis:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="27"/>
        <source>Queue database, spool, local accounts. A change takes effect when RelayDesk starts again.</source>
        <translation>Warteschlangen-Datenbank, Spool, lokale Konten. Eine Änderung wird beim nächsten Start von RelayDesk wirksam.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="31"/>
        <source>the system resolver</source>
        <translation>der Resolver des Systems</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="32"/>
        <source>IP address of the DNS server for direct MX delivery and MTA-STS, e.g. 127.0.0.53.</source>
        <translation>IP-Adresse des DNS-Servers für die direkte MX-Zustellung und MTA-STS, z. B. 127.0.0.53.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="34"/>
        <source>DNS server:</source>
        <translation>DNS-Server:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="37"/>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="39"/>
        <source>Used by every listener without a certificate of its own. With it, plain listeners offer STARTTLS. Set both or neither.</source>
        <translation>Wird von jedem Listener ohne eigenes Zertifikat verwendet. Damit bieten unverschlüsselte Listener STARTTLS an. Setzen Sie beides oder keines.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="45"/>
        <source>&amp;Certificate (PEM):</source>
        <translation>&amp;Zertifikat (PEM):</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="46"/>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="47"/>
        <source>Private &amp;key (PEM):</source>
        <translation>Privater S&amp;chlüssel (PEM):</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="48"/>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation>Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="51"/>
        <source>none: the key is not encrypted</source>
        <translation>keine: der Schlüssel ist nicht verschlüsselt</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="53"/>
        <source>For an encrypted key: where its passphrase is kept, e.g. keychain:tls-key or local:tls-key. Store the passphrase itself on Security › Credentials.</source>
        <translation>Für einen verschlüsselten Schlüssel: wo seine Passphrase liegt, z. B. keychain:tls-key oder local:tls-key. Die Passphrase selbst unter Sicherheit › Zugangsdaten speichern.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="55"/>
        <source>Key &amp;passphrase in:</source>
        <translation>Schlüssel-&amp;Passphrase in:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="73"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="74"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="108"/>
        <source>The data directory must be an absolute path.</source>
        <translation>Das Datenverzeichnis muss ein absoluter Pfad sein.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="115"/>
        <source>&quot;%1&quot; is not an IP address (e.g. 127.0.0.53 or ::1).</source>
        <translation>„%1“ ist keine IP-Adresse (z. B. 127.0.0.53 oder ::1).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsGeneralTab.cpp" line="120"/>
        <source>Use an absolute path.</source>
        <translation>Verwenden Sie einen absoluten Pfad.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsLimitsTab</name>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="22"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="40"/>
        <source>Bounds that keep one client from exhausting the relay. Sizes take K, M, G; durations s, m, h, d (e.g. 90s, 5m).</source>
        <translation>Grenzen, die verhindern, dass ein einzelner Client das Relay auslastet. Größen mit K, M, G; Zeitspannen mit s, m, h, d (z. B. 90s, 5m).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="45"/>
        <source>e.g. 25M</source>
        <translation>z. B. 25M</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="46"/>
        <source>Largest &amp;message:</source>
        <translation>Größte Na&amp;chricht:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="48"/>
        <source>&amp;Recipients per message:</source>
        <translation>&amp;Empfänger pro Nachricht:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="50"/>
        <source>Concurrent &amp;sessions:</source>
        <translation>Gleichzeitige S&amp;itzungen:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="52"/>
        <source>Sessions per &amp;client:</source>
        <translation>Sitzungen pro Clien&amp;t:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="54"/>
        <source>&amp;Protocol errors before disconnect:</source>
        <translation>&amp;Protokollfehler bis zur Trennung:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="55"/>
        <source>e.g. 5m</source>
        <translation>z. B. 5m</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="56"/>
        <source>Command &amp;timeout:</source>
        <translation>&amp;Befehls-Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="57"/>
        <source>e.g. 3m</source>
        <translation>z. B. 3m</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="58"/>
        <source>&amp;DATA timeout:</source>
        <translation>&amp;DATA-Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="60"/>
        <source>Messages per minute per client:</source>
        <translation>Nachrichten pro Minute je Client:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="62"/>
        <source>Recipients per hour per client:</source>
        <translation>Empfänger pro Stunde je Client:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="65"/>
        <source>Messages per minute per account:</source>
        <translation>Nachrichten pro Minute je Konto:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="68"/>
        <source>Recipients per hour per account:</source>
        <translation>Empfänger pro Stunde je Konto:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="72"/>
        <source>Sessions logged in as one account at the same time; more get 454 4.7.0.</source>
        <translation>Gleichzeitig mit einem Konto angemeldete Sitzungen; weitere erhalten 454 4.7.0.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="73"/>
        <source>Concurrent sessions per account:</source>
        <translation>Gleichzeitige Sitzungen pro Konto:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="107"/>
        <source>A size between 1K and 2G, e.g. 25M.</source>
        <translation>Eine Größe zwischen 1K und 2G, z. B. 25M.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsLimitsTab.cpp" line="113"/>
        <source>A duration between 1s and 1d, e.g. 90s or 5m.</source>
        <translation>Eine Zeitspanne zwischen 1s und 1d, z. B. 90s oder 5m.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsListenersTab</name>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="42"/>
        <source>Where RelayDesk accepts mail. STARTTLS and implicit TLS use the certificate on the General tab unless a listener has its own.</source>
        <translation>Wo RelayDesk E-Mails annimmt. STARTTLS und implizites TLS verwenden das Zertifikat aus dem Reiter „Allgemein“, sofern ein Listener kein eigenes hat.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="50"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="50"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="50"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="50"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="51"/>
        <source>AUTH required</source>
        <translation>AUTH erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="51"/>
        <source>Legacy TLS 1.0/1.1</source>
        <translation>Veraltetes TLS 1.0/1.1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="62"/>
        <source>&lt;b&gt;Warning:&lt;/b&gt; a listener accepts TLS 1.0/1.1. These versions are broken; allow them only for old printers and scanners that cannot do better, on the LAN only.</source>
        <translation>&lt;b&gt;Warnung:&lt;/b&gt; Ein Listener akzeptiert TLS 1.0/1.1. Diese Versionen sind unsicher; erlauben Sie sie nur für alte Drucker und Scanner, die nichts Besseres können, und nur im LAN.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="72"/>
        <source>&amp;Add listener</source>
        <translation>Listener &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="74"/>
        <source>&amp;Remove listener</source>
        <translation>Listener &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="119"/>
        <source>Plain</source>
        <translation>Unverschlüsselt</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="119"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="119"/>
        <source>Implicit TLS</source>
        <translation>Implizites TLS</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="148"/>
        <source>Own certificate: %1</source>
        <translation>Eigenes Zertifikat: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="170"/>
        <source>A listener name is 1-32 of A-Z a-z 0-9 _ -.</source>
        <translation>Ein Listener-Name besteht aus 1–32 Zeichen aus A-Z a-z 0-9 _ -.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="172"/>
        <source>Two listeners are called %1.</source>
        <translation>Zwei Listener heißen %1.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="177"/>
        <source>&quot;%1&quot; is not an IP address (e.g. 0.0.0.0, 192.168.1.10, ::, ::1).</source>
        <translation>„%1“ ist keine IP-Adresse (z. B. 0.0.0.0, 192.168.1.10, ::, ::1).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="183"/>
        <source>A port is a number from 1 to 65535.</source>
        <translation>Ein Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="200"/>
        <source>STARTTLS and implicit TLS need a certificate: set it on the General tab.</source>
        <translation>STARTTLS und implizites TLS brauchen ein Zertifikat: Legen Sie es im Reiter „Allgemein“ fest.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="203"/>
        <source>With a certificate a listener always offers STARTTLS: choose STARTTLS, or remove the certificate on the General tab.</source>
        <translation>Mit einem Zertifikat bietet ein Listener immer STARTTLS an: Wählen Sie STARTTLS oder entfernen Sie das Zertifikat im Reiter „Allgemein“.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsListenersTab.cpp" line="217"/>
        <source>RelayDesk needs at least one listener.</source>
        <translation>RelayDesk braucht mindestens einen Listener.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsNetworksTab</name>
    <message>
        <location filename="../ui/SettingsNetworksTab.cpp" line="15"/>
        <source>Clients in these networks may relay without AUTH; everyone else must authenticate. An empty list means AUTH only. Double-click an entry to edit it.</source>
        <translation>Clients in diesen Netzen dürfen ohne AUTH über das Relay senden; alle anderen müssen sich anmelden. Eine leere Liste bedeutet: nur mit AUTH. Doppelklicken Sie auf einen Eintrag, um ihn zu bearbeiten.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsNetworksTab.cpp" line="29"/>
        <source>e.g. 192.168.1.0/24 or fd00::/8</source>
        <translation>z. B. 192.168.1.0/24 oder fd00::/8</translation>
    </message>
    <message>
        <location filename="../ui/SettingsNetworksTab.cpp" line="30"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsNetworksTab.cpp" line="32"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsNetworksTab.cpp" line="61"/>
        <source>&quot;%1&quot; is not a network in CIDR notation (e.g. 192.168.1.0/24, fd00::/8).</source>
        <translation>„%1“ ist kein Netz in CIDR-Schreibweise (z. B. 192.168.1.0/24, fd00::/8).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsNetworksTab.cpp" line="64"/>
        <source>&quot;%1&quot; would relay for the whole Internet (an open relay); list your LAN networks and use AUTH for the rest.</source>
        <translation>„%1“ würde für das ganze Internet weiterleiten (ein offenes Relay); tragen Sie Ihre LAN-Netze ein und verwenden Sie AUTH für den Rest.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="34"/>
        <source>Configuration file: %1</source>
        <translation>Konfigurationsdatei: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="51"/>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="52"/>
        <source>&amp;Listeners</source>
        <translation>&amp;Listener</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="53"/>
        <source>Allowed &amp;networks</source>
        <translation>Erlaubte &amp;Netze</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="54"/>
        <source>Smarth&amp;osts</source>
        <translation>&amp;Smarthosts</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="55"/>
        <source>Ro&amp;utes</source>
        <translation>&amp;Routen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="56"/>
        <source>Li&amp;mits</source>
        <translation>&amp;Grenzwerte</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="57"/>
        <source>Re&amp;try</source>
        <translation>&amp;Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="62"/>
        <source>● Unsaved changes</source>
        <translation>● Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="72"/>
        <source>R&amp;evert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="74"/>
        <source>Reload the form from the configuration file</source>
        <translation>Das Formular neu aus der Konfigurationsdatei laden</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="75"/>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="77"/>
        <source>Check the settings, apply them to the running relay and save them (Ctrl+S)</source>
        <translation>Die Einstellungen prüfen, auf das laufende Relay anwenden und speichern (Strg+S)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="131"/>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="141"/>
        <source>The configuration could not be loaded: %1</source>
        <translation>Die Konfiguration konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="152"/>
        <source>The file holds secrets in plain text (%1). Move them into the keychain (Security › Credentials) before you apply changes here: the file is written without them.</source>
        <translation>Die Datei enthält Geheimnisse im Klartext (%1). Verschieben Sie sie in den Schlüsselbund (Sicherheit › Zugangsdaten), bevor Sie hier Änderungen übernehmen: Die Datei wird ohne sie geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="158"/>
        <source>No configuration file yet: the form shows the built-in defaults; Apply creates it.</source>
        <translation>Noch keine Konfigurationsdatei: Das Formular zeigt die eingebauten Standardwerte; „Übernehmen“ legt sie an.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="160"/>
        <source>Loaded from the configuration file.</source>
        <translation>Aus der Konfigurationsdatei geladen.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="173"/>
        <source>Not applied: move the plain-text secrets (%1) into the keychain first (Security › Credentials).</source>
        <translation>Nicht übernommen: Verschieben Sie zuerst die Klartext-Geheimnisse (%1) in den Schlüsselbund (Sicherheit › Zugangsdaten).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="185"/>
        <location filename="../ui/SettingsPage.cpp" line="203"/>
        <source>Not applied: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="191"/>
        <source>Checking the settings…</source>
        <translation>Einstellungen werden geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="216"/>
        <source>Applying to the running relay…</source>
        <translation>Wird auf das laufende Relay angewendet…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="227"/>
        <source>Not applied, the relay keeps its previous settings: %1</source>
        <translation>Nicht übernommen, das Relay behält seine bisherigen Einstellungen: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="234"/>
        <source>Applied; saving…</source>
        <translation>Übernommen; wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="249"/>
        <source>Applied without restart, but not saved (the change is lost when RelayDesk restarts): %1</source>
        <translation>Ohne Neustart übernommen, aber nicht gespeichert (die Änderung geht beim Neustart von RelayDesk verloren): %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="257"/>
        <source>Applied without restart and saved.</source>
        <translation>Ohne Neustart übernommen und gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPage.cpp" line="260"/>
        <source>The new data directory is used from the next start of RelayDesk.</source>
        <translation>Das neue Datenverzeichnis wird ab dem nächsten Start von RelayDesk verwendet.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsPresetDialog</name>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="20"/>
        <source>no TLS</source>
        <translation>kein TLS</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="22"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="24"/>
        <source>STARTTLS when offered</source>
        <translation>STARTTLS, wenn angeboten</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="26"/>
        <source>implicit TLS</source>
        <translation>implizites TLS</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="35"/>
        <source>&lt;li&gt;&lt;b&gt;%1:&lt;/b&gt; %2 %3&lt;br/&gt;&lt;small&gt;%4&lt;/small&gt;&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;%1:&lt;/b&gt; %2 %3&lt;br/&gt;&lt;small&gt;%4&lt;/small&gt;&lt;/li&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="45"/>
        <source>Smarthost from a provider preset</source>
        <translation>Smarthost aus einer Anbietervorlage</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="102"/>
        <source>no AUTH (the provider knows RelayDesk by its IP address or certificate)</source>
        <translation>kein AUTH (der Anbieter erkennt RelayDesk an seiner IP-Adresse oder seinem Zertifikat)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="105"/>
        <source>AUTH optional</source>
        <translation>AUTH optional</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="108"/>
        <source>AUTH required</source>
        <translation>AUTH erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="111"/>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;br/&gt;%2, port %3, %4; %5&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;br/&gt;%2, Port %3, %4; %5&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="113"/>
        <source>host: set it yourself</source>
        <translation>Host: selbst eintragen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="118"/>
        <source>&lt;p&gt;&lt;b&gt;User name:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Benutzername:&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="119"/>
        <source>Messages per minute</source>
        <translation>Nachrichten pro Minute</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="120"/>
        <source>Recipients per day</source>
        <translation>Empfänger pro Tag</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="121"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="122"/>
        <source>&lt;p&gt;No sending limits documented.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Keine Sendegrenzwerte dokumentiert.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="123"/>
        <source>&lt;p&gt;&lt;b&gt;Documented limits&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Dokumentierte Grenzwerte&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="125"/>
        <source>&lt;p&gt;&lt;b&gt;SPF:&lt;/b&gt; include:%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;SPF:&lt;/b&gt; include:%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/SettingsPresetDialog.cpp" line="126"/>
        <source>&lt;p&gt;The password is kept on the Credentials page; the smarthost only names where it is.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Passwort wird auf der Seite „Zugangsdaten“ verwaltet; der Smarthost nennt nur, wo es liegt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsRetryTab</name>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="15"/>
        <source>After a failed attempt RelayDesk waits the next delay of the schedule (the last one repeats). Durations take s, m, h, d.</source>
        <translation>Nach einem fehlgeschlagenen Versuch wartet RelayDesk die nächste Pause des Zeitplans ab (die letzte wiederholt sich). Zeitspannen mit s, m, h, d.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="22"/>
        <source>e.g. 1m,5m,15m,30m,1h</source>
        <translation>z. B. 1m,5m,15m,30m,1h</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="23"/>
        <source>&amp;Schedule:</source>
        <translation>&amp;Zeitplan:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="26"/>
        <source>Give up and bounce a message after this age.</source>
        <translation>Eine Nachricht ab diesem Alter aufgeben und an den Absender zurückschicken.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="27"/>
        <source>Give up &amp;after:</source>
        <translation>Au&amp;fgeben nach:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="30"/>
        <source>Tell the sender once that the message is delayed; at or above &quot;give up after&quot; no warning is sent.</source>
        <translation>Den Absender einmal benachrichtigen, dass sich die Nachricht verzögert; ab dem Wert von „Aufgeben nach“ wird keine Warnung gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="32"/>
        <source>&amp;Warn the sender after:</source>
        <translation>Absen&amp;der warnen nach:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="58"/>
        <source>A comma separated list of durations, e.g. 1m,5m,15m,30m,1h.</source>
        <translation>Eine kommagetrennte Liste von Zeitspannen, z. B. 1m,5m,15m,30m,1h.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRetryTab.cpp" line="66"/>
        <source>A duration between 1s and 365d, e.g. 5d.</source>
        <translation>Eine Zeitspanne zwischen 1s und 365d, z. B. 5d.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsRoutesTab</name>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="45"/>
        <source>Routes are tried from the top; the first whose conditions all hold picks the transport (smarthost, smarthost:NAME or mx). Mail no route matches goes to the default smarthost. Lists are comma separated; an empty condition matches anything.</source>
        <translation>Routen werden von oben nach unten geprüft; die erste, deren Bedingungen alle zutreffen, bestimmt den Transport (smarthost, smarthost:NAME oder mx). E-Mails, auf die keine Route passt, gehen an den Standard-Smarthost. Listen sind kommagetrennt; eine leere Bedingung passt auf alles.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="54"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="54"/>
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="54"/>
        <source>Recipient domains</source>
        <translation>Empfänger-Domains</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="55"/>
        <source>Client networks</source>
        <translation>Client-Netze</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="55"/>
        <source>AUTH users</source>
        <translation>AUTH-Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="55"/>
        <source>Listeners</source>
        <translation>Listener</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="56"/>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="56"/>
        <source>EHLO name</source>
        <translation>EHLO-Name</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="56"/>
        <source>From address</source>
        <translation>From-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="57"/>
        <source>From name</source>
        <translation>From-Name</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="57"/>
        <source>Fix From name</source>
        <translation>From-Name korrigieren</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="57"/>
        <source>Add Date</source>
        <translation>Date ergänzen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="58"/>
        <source>Add Message-ID</source>
        <translation>Message-ID ergänzen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="58"/>
        <source>Envelope sender</source>
        <translation>Umschlag-Absender</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="71"/>
        <source>&amp;Add route</source>
        <translation>Route &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="72"/>
        <source>&amp;Remove route</source>
        <translation>Route &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="73"/>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="74"/>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="107"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="107"/>
        <source>quote</source>
        <translation>in Anführungszeichen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="107"/>
        <source>remove</source>
        <translation>entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="202"/>
        <source>A route name is 1-32 of A-Z a-z 0-9 _ -.</source>
        <translation>Ein Routenname besteht aus 1–32 Zeichen aus A-Z a-z 0-9 _ -.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="204"/>
        <source>Two routes are called %1.</source>
        <translation>Zwei Routen heißen %1.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="212"/>
        <source>&quot;%1&quot; is not a network in CIDR notation (e.g. 192.168.10.0/24).</source>
        <translation>„%1“ ist kein Netz in CIDR-Schreibweise (z. B. 192.168.10.0/24).</translation>
    </message>
    <message>
        <location filename="../ui/SettingsRoutesTab.cpp" line="229"/>
        <source>Expected smarthost, smarthost:NAME or mx.</source>
        <translation>Erwartet: smarthost, smarthost:NAME oder mx.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SettingsSmarthostsTab</name>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="50"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="52"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="57"/>
        <source>From &amp;preset…</source>
        <translation>Aus V&amp;orlage…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="66"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="69"/>
        <source>none: mail stays queued</source>
        <translation>keiner: E-Mails bleiben in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="70"/>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="72"/>
        <source>P&amp;ort:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="76"/>
        <source>None (trusted local upstreams only)</source>
        <translation>Keins (nur für vertrauenswürdige lokale Zielserver)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="76"/>
        <source>STARTTLS (required)</source>
        <translation>STARTTLS (erforderlich)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="77"/>
        <source>STARTTLS when offered</source>
        <translation>STARTTLS, wenn angeboten</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="77"/>
        <source>Implicit TLS (port 465)</source>
        <translation>Implizites TLS (Port 465)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="78"/>
        <source>&amp;TLS:</source>
        <translation>&amp;TLS:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="79"/>
        <source>Check the certificate and host name</source>
        <translation>Zertifikat und Hostnamen prüfen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="84"/>
        <source>system CAs only</source>
        <translation>nur System-CAs</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="85"/>
        <source>Extra &amp;CA (PEM):</source>
        <translation>Zusätzliche &amp;CA (PEM):</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="88"/>
        <source>no AUTH</source>
        <translation>kein AUTH</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="89"/>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="92"/>
        <source>keychain:NAME, local:NAME or file:/path</source>
        <translation>keychain:NAME, local:NAME oder file:/pfad</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="93"/>
        <source>Where the password is kept. The password itself is stored on the Credentials page, never in the configuration.</source>
        <translation>Wo das Passwort liegt. Das Passwort selbst wird auf der Seite „Zugangsdaten“ gespeichert, nie in der Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="95"/>
        <source>Pass&amp;word reference:</source>
        <translation>Passwort-Verwe&amp;is:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="98"/>
        <source>the relay&apos;s host name</source>
        <translation>der Hostname des Relays</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="99"/>
        <source>&amp;EHLO name:</source>
        <translation>EHLO-Na&amp;me:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="102"/>
        <source>Connections:</source>
        <translation>Verbindungen:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="105"/>
        <source>Messages per connection:</source>
        <translation>Nachrichten pro Verbindung:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="107"/>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="110"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="108"/>
        <source>Messages per minute:</source>
        <translation>Nachrichten pro Minute:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="111"/>
        <source>Recipients per day:</source>
        <translation>Empfänger pro Tag:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="114"/>
        <source>names of other smarthosts, comma separated</source>
        <translation>Namen anderer Smarthosts, kommagetrennt</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="115"/>
        <source>Fallbac&amp;ks:</source>
        <translation>A&amp;usweich-Smarthosts:</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="188"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="190"/>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="232"/>
        <source>(default route)</source>
        <translation>(Standardroute)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="308"/>
        <source>&lt;b&gt;Preset:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Vorlage:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="310"/>
        <source>&lt;br/&gt;&lt;b&gt;User name:&lt;/b&gt; %1</source>
        <translation>&lt;br/&gt;&lt;b&gt;Benutzername:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="313"/>
        <source>%1 messages/minute</source>
        <translation>%1 Nachrichten/Minute</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="315"/>
        <source>%1 recipients/day</source>
        <translation>%1 Empfänger/Tag</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="317"/>
        <source>%1 connections</source>
        <translation>%1 Verbindungen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="319"/>
        <source>&lt;br/&gt;&lt;b&gt;Documented limits:&lt;/b&gt; %1</source>
        <translation>&lt;br/&gt;&lt;b&gt;Dokumentierte Grenzwerte:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="338"/>
        <source>A smarthost name is 1-32 of A-Z a-z 0-9 _ -.</source>
        <translation>Ein Smarthost-Name besteht aus 1–32 Zeichen aus A-Z a-z 0-9 _ -.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="340"/>
        <source>Two smarthosts are called %1.</source>
        <translation>Zwei Smarthosts heißen %1.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="344"/>
        <source>Use an absolute path.</source>
        <translation>Verwenden Sie einen absoluten Pfad.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsSmarthostsTab.cpp" line="359"/>
        <source>&quot;%1&quot; is not the name of a smarthost.</source>
        <translation>„%1“ ist nicht der Name eines Smarthosts.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SingleInstance</name>
    <message>
        <location filename="../ui/SingleInstance.cpp" line="59"/>
        <source>RelayDesk is already running for this user.</source>
        <translation>RelayDesk läuft für diesen Benutzer bereits.</translation>
    </message>
    <message>
        <location filename="../ui/SingleInstance.cpp" line="60"/>
        <source>The lock file %1 cannot be created.</source>
        <translation>Die Sperrdatei %1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SuppressionModel</name>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="43"/>
        <source>(every sender)</source>
        <translation>(jeder Absender)</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="50"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="51"/>
        <source>expired %1</source>
        <translation>abgelaufen %1</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="81"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="83"/>
        <source>Sender domain</source>
        <translation>Absender-Domain</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="85"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="87"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="89"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionModel.cpp" line="91"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SuppressionsTab</name>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="36"/>
        <source>Search recipient, domain or reason (Ctrl+F)</source>
        <translation>Empfänger, Domain oder Grund suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="59"/>
        <source>recipient@example.com</source>
        <translation>empfaenger@example.com</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="62"/>
        <source>sender domain (empty: every sender)</source>
        <translation>Absender-Domain (leer: jeder Absender)</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="63"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="65"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="68"/>
        <source>Retry held mail</source>
        <translation>Zurückgehaltene E-Mails erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="71"/>
        <source>Release the messages held for a removed recipient</source>
        <translation>Die für einen entfernten Empfänger zurückgehaltenen Nachrichten freigeben</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="73"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="75"/>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="148"/>
        <source>Exported %n entries to %1.</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert.</numerusform>
            <numerusform>%n Einträge nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="154"/>
        <source>Imported %n entries from %1.</source>
        <translation>
            <numerusform>%n Eintrag aus %1 importiert.</numerusform>
            <numerusform>%n Einträge aus %1 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="155"/>
        <source>Nothing imported: %1</source>
        <translation>Nichts importiert: %1</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="185"/>
        <source>Enter the recipient&apos;s address to suppress.</source>
        <translation>Geben Sie die Adresse des zu unterdrückenden Empfängers ein.</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="193"/>
        <source>added by hand</source>
        <translation>von Hand hinzugefügt</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="211"/>
        <source>Remove suppression</source>
        <translation>Unterdrückung aufheben</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="212"/>
        <source>Send to %n suppressed recipient(s) again?</source>
        <translation>
            <numerusform>Wieder an %n unterdrückten Empfänger senden?</numerusform>
            <numerusform>Wieder an %n unterdrückte Empfänger senden?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="222"/>
        <source>Export the suppression list</source>
        <translation>Liste der unterdrückten Empfänger exportieren</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="223"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="235"/>
        <source>Import suppressions</source>
        <translation>Unterdrückte Empfänger importieren</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="236"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="249"/>
        <source>%1 is suppressed.</source>
        <translation>%1 wird unterdrückt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="260"/>
        <source>Removed; %n held message(s) released.</source>
        <translation>
            <numerusform>Entfernt; %n zurückgehaltene Nachricht freigegeben.</numerusform>
            <numerusform>Entfernt; %n zurückgehaltene Nachrichten freigegeben.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/SuppressionsTab.cpp" line="262"/>
        <source>Removed.</source>
        <translation>Entfernt.</translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::TrayIcon</name>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="22"/>
        <source>&amp;Open RelayDesk</source>
        <translation>RelayDesk &amp;öffnen</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="25"/>
        <location filename="../ui/TrayIcon.cpp" line="135"/>
        <source>&amp;Pause intake</source>
        <translation>Annahme &amp;pausieren</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="28"/>
        <source>New connections are refused with a temporary error; queued mail keeps being delivered</source>
        <translation>Neue Verbindungen werden mit einem vorübergehenden Fehler abgelehnt; E-Mails in der Warteschlange werden weiter zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="30"/>
        <source>&amp;Flush queue</source>
        <translation>Warteschlange &amp;jetzt zustellen</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="33"/>
        <source>&amp;Quit RelayDesk</source>
        <translation>RelayDesk &amp;beenden</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="97"/>
        <source>RelayDesk — %1</source>
        <translation>RelayDesk — %1</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="98"/>
        <source>%1 queued · %2 deferred · %3 held</source>
        <translation>%1 in der Warteschlange · %2 zurückgestellt · %3 zurückgehalten</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="103"/>
        <source>Today: %1 delivered · %2 failed</source>
        <translation>Heute: %1 zugestellt · %2 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="104"/>
        <source>Oldest waiting: %1</source>
        <translation>Älteste wartende: %1</translation>
    </message>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="135"/>
        <source>Resume &amp;intake</source>
        <translation>Annahme &amp;fortsetzen</translation>
    </message>
</context>
<context>
    <name>StateStyle</name>
    <message>
        <location filename="../ui/StateStyle.cpp" line="82"/>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="84"/>
        <source>Being delivered</source>
        <translation>Wird zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="86"/>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="88"/>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="90"/>
        <location filename="../ui/StateStyle.cpp" line="137"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="92"/>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="107"/>
        <source>Idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="109"/>
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="111"/>
        <source>Rate limited</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="113"/>
        <source>Testing recovery</source>
        <translation>Testet Erreichbarkeit</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="115"/>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="130"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="132"/>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="134"/>
        <source>Stopping…</source>
        <translation>Hält an…</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="138"/>
        <source>Failed — %1</source>
        <translation>Fehler — %1</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="143"/>
        <source>Paused (not accepting new mail)</source>
        <translation>Pausiert (nimmt keine neuen E-Mails an)</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="146"/>
        <source>Upstream unreachable</source>
        <translation>Zielserver nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="148"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="155"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="158"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="161"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="164"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../ui/StateStyle.cpp" line="170"/>
        <source>none waiting</source>
        <translation>keine wartend</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="58"/>
        <source>RelayDesk: the office mail relay, managed from the desktop.</source>
        <translation>RelayDesk: das Mail-Relay des Büros, verwaltet vom Desktop aus.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="64"/>
        <source>Read the relay configuration from &lt;file&gt; (default: %1).</source>
        <translation>Die Relay-Konfiguration aus &lt;Datei&gt; lesen (Standard: %1).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="70"/>
        <source>Start hidden in the tray (as at login).</source>
        <translation>Verborgen im Infobereich starten (wie bei der Anmeldung).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="73"/>
        <source>Use the built-in dark theme.</source>
        <translation>Das eingebaute dunkle Design verwenden.</translation>
    </message>
    <message>
        <source>Open the page &lt;name&gt; (overview, queue, log, bounces, devices, settings, ...) instead of the last one shown.</source>
        <translation type="vanished">Statt der zuletzt gezeigten Seite die Seite &lt;name&gt; öffnen (overview, queue, log, bounces, devices, settings, ...).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="77"/>
        <source>Open the page &lt;name&gt; (overview, queue, log, bounces, devices, settings, security, ...; security/accounts for a tab) instead of the last one shown.</source>
        <translation>Statt der zuletzt gezeigten Seite die Seite &lt;name&gt; öffnen (overview, queue, log, bounces, devices, settings, security, ...; security/accounts für einen Reiter).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="84"/>
        <source>Open the detail of the message with the id &lt;id&gt;.</source>
        <translation>Die Details der Nachricht mit der ID &lt;id&gt; öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="99"/>
        <location filename="../app/gui/main.cpp" line="130"/>
        <source>RelayDesk</source>
        <translation>RelayDesk</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="100"/>
        <source>RelayDesk is already running or cannot start:

%1</source>
        <translation>RelayDesk läuft bereits oder kann nicht starten:

%1</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="131"/>
        <source>The configuration could not be loaded:

%1</source>
        <translation>Die Konfiguration konnte nicht geladen werden:

%1</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="147"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
</TS>
