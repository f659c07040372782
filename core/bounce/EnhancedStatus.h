#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <optional>

namespace RelayDesk::Bounce {

/// An RFC 3463 enhanced mail system status code, "class.subject.detail"
/// (e.g. 5.1.1). A value type: default-constructed it is invalid.
///
/// Parsing follows RFC 3463 section 2 strictly (class 2, 4 or 5; subject and
/// detail 1-3 digits, at most 999), so that a code read from an upstream
/// reply or a DSN can be trusted as a key for the registry and, later, for
/// the reason classifier (issue 6).
class EnhancedStatus
{
public:
    /// RFC 3463 section 3.1: what the first digit says about the outcome.
    enum class Class {
        Invalid = 0,
        Success = 2,             ///< 2.X.X: delivered (or relayed, expanded)
        PersistentTransient = 4, ///< 4.X.X: temporary; a retry may succeed
        PermanentFailure = 5,    ///< 5.X.X: permanent; resending as is will fail again
    };

    EnhancedStatus() = default;
    /// Invalid (isValid() false) unless the parts form a legal code.
    EnhancedStatus(int statusClass, int subject, int detail);

    /// "5.1.1" exactly (surrounding white space allowed); nullopt otherwise.
    static std::optional<EnhancedStatus> parse(QStringView text);

    /// The code at the start of an SMTP reply text or a diagnostic ("5.1.1
    /// User unknown", "#5.1.0 Address rejected" as some MTAs write it). When
    /// `replyCode` is a 3-digit code, the code's class must match its first
    /// digit (RFC 3463 section 2), as a mismatching code is not trustworthy.
    static std::optional<EnhancedStatus> fromReplyText(QStringView text, int replyCode = 0);

    /// The first enhanced code anywhere in a free text (a DSN diagnostic or
    /// a human-readable bounce), e.g. "550-5.7.26 Unauthenticated ...".
    /// Version-like numbers inside words ("v1.2.3", "10.5.1.2") are skipped.
    static std::optional<EnhancedStatus> findInText(QStringView text);

    /// The enhanced code to use for a basic SMTP reply code when the upstream
    /// gave none (see the table in EnhancedStatus.cpp for the choices).
    /// Invalid for codes outside 200-599 and for 3xx intermediate replies.
    static EnhancedStatus fromReplyCode(int replyCode);

    bool isValid() const { return m_class != 0; }
    Class statusClass() const { return static_cast<Class>(m_class); }
    int classDigit() const { return m_class; }
    int subject() const { return m_subject; }
    int detail() const { return m_detail; }

    bool isSuccess() const { return m_class == 2; }
    bool isTransient() const { return m_class == 4; }
    bool isPermanent() const { return m_class == 5; }

    /// The same subject and detail with another class (e.g. the 5.X.X
    /// counterpart of a 4.X.X code); invalid when this one is.
    EnhancedStatus withClass(Class statusClass) const;

    /// "5.1.1"; empty when invalid.
    QString toString() const;

    /// Registry title of subject.detail ("Bad destination mailbox address"),
    /// falling back to the subject's title for unregistered details.
    QString title() const;

    friend bool operator==(const EnhancedStatus&, const EnhancedStatus&) = default;

private:
    int m_class = 0;
    int m_subject = 0;
    int m_detail = 0;
};

} // namespace RelayDesk::Bounce

Q_DECLARE_METATYPE(RelayDesk::Bounce::EnhancedStatus)
