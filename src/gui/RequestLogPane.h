#pragma once

#include <QWidget>

#include <memory>

class RequestLog;
class RequestLogModel;
class SecretClipboard;
namespace Ui {
class RequestLogPane;
}

// Every API call the window made, newest last, with "Copy as curl" (API key and secrets redacted unless the
// user ticks the box for that one copy; such a copy goes through a SecretClipboard).
class RequestLogPane : public QWidget
{
    Q_OBJECT

public:
    explicit RequestLogPane(QWidget* parent = nullptr);
    ~RequestLogPane() override;

    void setLog(RequestLog* log);
    // The clipboard revealed copies go through; the pane has one of its own until the window shares its own.
    void setSecretClipboard(SecretClipboard* clipboard);
    // The curl command for a row as Copy would put it on the clipboard.
    QString curlFor(int row) const;

public slots:
    void copySelectedAsCurl();

signals:
    void copied(const QString& what);

private:
    std::unique_ptr<Ui::RequestLogPane> m_ui;
    RequestLogModel* m_model = nullptr;
    SecretClipboard* m_secretClipboard;
};
