"""Vietnamese (default) and English labels of the settings page and of the page
that explains how the figures are computed."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # settings page
    "page_settings": {"vi": "Cài đặt", "en": "Settings"},
    "settings_title": {"vi": "Cài đặt chiến dịch", "en": "Campaign settings"},
    "settings_note": {
        "vi": "Các giá trị dưới đây dùng chung cho mọi trang, lệnh và báo cáo. Mỗi thay đổi được ghi vào nhật ký.",
        "en": "These values apply to every page, command and report. Each change is written to the audit log.",
    },
    "settings_floors": {"vi": "Số mẫu một xã, phường cần mỗi tháng", "en": "Samples a commune needs per month"},
    "settings_counting": {"vi": "Chỉ tiêu và cách đếm mẫu", "en": "Target and how samples are counted"},
    "settings_thresholds": {"vi": "Ngưỡng tốc độ tải xuống (Mbps)", "en": "Download thresholds (Mbps)"},
    "settings_thresholds_note": {
        "vi": "Theo Quyết định 36/QĐ-TTg, ngưỡng 4G là {value} Mbps; các ngưỡng khác do Sở quyết định.",
        "en": "Decision 36/QĐ-TTg sets {value} Mbps for 4G; the other thresholds are the department's choice.",
    },
    "settings_report": {"vi": "Báo cáo", "en": "Reports"},
    "setting_sample_floor_fixed": {"vi": "Băng rộng cố định (mẫu/tháng)", "en": "Fixed broadband (samples a month)"},
    "setting_sample_floor_mobile": {"vi": "Di động (mẫu/tháng)", "en": "Mobile (samples a month)"},
    "setting_weekly_target": {
        "vi": "Số lượt đo mỗi người mỗi tuần (chỉ tiêu)",
        "en": "Tests per person per week (the target)",
    },
    "setting_tests_per_day": {
        "vi": "Mẫu hiệu lực: tối đa số lượt mỗi người mỗi ngày",
        "en": "Effective samples: at most tests per person per day",
    },
    "setting_burst_minutes": {
        "vi": "Mẫu hiệu lực: đo lại chưa đến (phút) thì không tính",
        "en": "Effective samples: a repeat sooner than (minutes) does not count",
    },
    "setting_thresholds": {"vi": "Ngưỡng tốc độ tải xuống", "en": "Download thresholds"},
    "setting_issuing_body": {"vi": "Cơ quan ban hành báo cáo", "en": "Body issuing the reports"},
    "setting_issuing_body_line1": {
        "vi": "Cơ quan ban hành, dòng 1 (cơ quan chủ quản)",
        "en": "Issuing body, line 1 (the parent body)",
    },
    "setting_issuing_body_line2": {"vi": "Cơ quan ban hành, dòng 2", "en": "Issuing body, line 2"},
    "setting_signer_title": {"vi": "Chức vụ người ký", "en": "Signer's title"},
    "setting_signer_name": {"vi": "Họ và tên người ký", "en": "Signer's name"},
    "settings_save": {"vi": "Lưu cài đặt", "en": "Save the settings"},
    "settings_saved": {"vi": "Đã lưu: {names}.", "en": "Saved: {names}."},
    "settings_unchanged": {"vi": "Không có giá trị nào thay đổi.", "en": "Nothing changed."},
    "settings_refused": {"vi": "Chưa lưu: {reason}", "en": "Not saved: {reason}"},
    # how figures are computed
    "page_rules": {"vi": "Cách tính", "en": "How figures are computed"},
    "rules_title": {"vi": "Cách tính các số liệu", "en": "How the figures are computed"},
    "rules_intro": {
        "vi": "Trang này giải thích cách bảng điều khiển tính từng số liệu, với các giá trị đang áp dụng. "
        "Quản trị viên thay đổi các giá trị này ở trang «{settings}».",
        "en": "This page explains how the dashboard computes each figure, with the values in force. "
        "Administrators change these values on the “{settings}” page.",
    },
    "rule_effective_title": {"vi": "Mẫu hiệu lực", "en": "Effective samples"},
    "rule_effective": {
        "vi": "Để một vài người đo thật nhiều lần không lấp đầy chỉ tiêu của cả xã, mỗi người (hoặc mỗi thiết bị) "
        "chỉ được tính **tối đa {per_day} lượt đo mỗi ngày**, và lượt đo cách lượt được tính trước đó của "
        "cùng người **chưa đến {burst} phút** thì không được tính (coi là đo dồn). Lượt đo không xác định "
        "được người đo đều được tính. Trang «{coverage}» cho xem cả số lượt đo và số mẫu hiệu lực.",
        "en": "So that a few people testing over and over cannot fill a whole commune's quota, each person (or "
        "device) counts for **at most {per_day} tests a day**, and a test made **less than {burst} minutes** "
        "after that person's last counted test does not count (a burst). Tests whose tester is unknown all "
        "count. The “{coverage}” page shows both the tests and the effective samples.",
    },
    "rule_floor_title": {"vi": "Số mẫu một xã, phường cần có", "en": "The samples a commune needs"},
    "rule_floor": {
        "vi": "VNNIC chỉ đánh giá chất lượng Internet của một xã, phường khi có đủ mẫu trong tháng, đếm riêng "
        "từng loại: **{fixed} mẫu băng rộng cố định** và **{mobile} mẫu di động** mỗi tháng. Khi xem theo "
        "tuần, chỉ tiêu của tuần là phần tương ứng của tháng: chỉ tiêu tháng chia cho {weeks} (số tuần bình "
        "quân của một tháng), làm tròn lên — {examples}.",
        "en": "VNNIC rates a commune's Internet only once it has enough samples in the month, counted apart for "
        "each category: **{fixed} fixed broadband samples** and **{mobile} mobile samples** a month. Viewed "
        "by week, a week's target is its share of the month: the monthly target divided by {weeks} (the "
        "average number of weeks in a month), rounded up — {examples}.",
    },
    "rule_floor_example": {"vi": "{month} mẫu/tháng thành {week} mẫu/tuần", "en": "{month} a month is {week} a week"},
    "rule_own_title": {"vi": "Chỉ tiêu riêng của từng xã", "en": "A commune's own target"},
    "rule_own": {
        "vi": "Sở có thể giao riêng cho một xã, phường chỉ tiêu mẫu mỗi tháng cho từng loại (nhập tay, hoặc đề "
        "xuất theo dân số) ở trang «{coverage}», mục «{targets}». Chỉ tiêu riêng được lưu trong cơ sở dữ "
        "liệu, dùng cho bản đồ, danh sách xã thiếu mẫu và tệp tải về, và cũng được chia theo tuần như trên. "
        "Xã không có chỉ tiêu riêng dùng số mẫu chung ở trên.",
        "en": "The department may give a commune its own monthly target per category (typed in, or proposed from "
        "its population) on the “{coverage}” page, under “{targets}”. Own targets are stored in the "
        "database, used by the map, the list of communes short of samples and the downloads, and shared "
        "out by week as above. A commune without one uses the common figure above.",
    },
    "rule_thursday_title": {"vi": "Tuần, tháng và quy tắc ngày thứ Năm", "en": "Weeks, months and the Thursday rule"},
    "rule_thursday": {
        "vi": "Tuần tính theo chuẩn ISO, từ thứ Hai đến Chủ nhật. Một cán bộ được tính cho một cơ quan trong một "
        "tuần khi thời gian người đó có tên trong danh sách của cơ quan **bao gồm ngày thứ Năm** của tuần: "
        "người chuyển công tác hay nghỉ giữa tuần chỉ được tính một lần, ở nơi họ làm việc phần lớn tuần "
        "đó. Kết quả tham gia đo của một tháng gồm các tuần ISO **có ngày thứ Năm thuộc tháng đó**. Riêng số "
        "mẫu của xã, phường được đếm theo các ngày của tháng dương lịch, như VNNIC.",
        "en": "Weeks are ISO weeks, Monday to Sunday. A person counts for an agency in a week when their time on "
        "the agency's roster **covers that week's Thursday**: someone who moves or leaves mid-week is "
        "counted once, where they spent most of the week. A month's participation covers the ISO weeks "
        "**whose Thursday falls in that month**. A commune's samples, however, are counted over the days "
        "of the calendar month, as VNNIC does.",
    },
    "rule_compliance_title": {"vi": "Tỷ lệ đạt chỉ tiêu", "en": "Compliance"},
    "rule_compliance": {
        "vi": "Mỗi cán bộ, công chức được giao đo **ít nhất {target} lượt mỗi tuần**. Mỗi người có tên trong danh "
        "sách của cơ quan trong một tuần là một «cán bộ-tuần». Tỷ lệ đạt bằng số cán bộ-tuần có từ {target} "
        "lượt đo trở lên chia cho tổng số cán bộ-tuần trong danh sách của kỳ, nên người mới vào hay đã "
        "chuyển đi chỉ được tính cho những tuần họ có tên. Tuần đang diễn ra chưa bị tính là không đạt, "
        "và tuần sau ngày cuối cùng có dữ liệu (chưa được nhập) cũng chưa được tính.",
        "en": "Each cadre and civil servant is asked to test **at least {target} times a week**. Each person on "
        "an agency's roster in a week is one “person-week”. Compliance is the person-weeks with {target} "
        "tests or more divided by all the person-weeks on the roster in the period, so that a newcomer or "
        "someone who left counts only for the weeks they were on it. The week under way is not counted as "
        "missed, nor is a week after the last day with data (not imported yet).",
    },
    "rule_median_title": {"vi": "Trung vị và khoảng tin cậy 95%", "en": "Medians and their 95% interval"},
    "rule_median": {
        "vi": "Tốc độ tải xuống, tải lên và độ trễ được tóm tắt bằng **trung vị** (giá trị đứng giữa khi xếp các "
        "lượt đo từ thấp đến cao), như VNNIC công bố, để vài lượt đo bất thường không kéo lệch kết quả. "
        "Khoảng tin cậy 95% của trung vị lấy từ thống kê thứ tự: hai lượt đo ở hai thứ hạng đối xứng quanh "
        "giữa, chọn theo phân phối nhị thức, không giả định gì về dạng phân phối của tốc độ. Với **dưới "
        "{min_n} mẫu** thì không có khoảng tin cậy 95% và ô để trống. Khoảng nằm trong ±{precise}% quanh "
        "trung vị được đánh dấu ✔ «{precise_label}».",
        "en": "Download, upload and latency are summarised by their **median** (the middle value once the tests "
        "are sorted), as VNNIC publishes, so that a few odd tests do not pull the figure. The median's 95% "
        "interval comes from order statistics: two tests at ranks symmetric around the middle, chosen from "
        "the binomial distribution, with no assumption on the shape of the speeds. **Under {min_n} samples** "
        "there is no 95% interval and the cell is blank. An interval within ±{precise}% of the median is "
        "marked ✔ “{precise_label}”.",
    },
    "rule_not_enough_title": {"vi": "«Chưa đủ mẫu»", "en": "“Not enough samples”"},
    "rule_not_enough": {
        "vi": "Trên bản đồ chất lượng, xã có ít mẫu hơn mức cần có ({fixed} mẫu cố định, {mobile} mẫu di động mỗi "
        "tháng) để **màu xám** và ghi «{label}», không tô màu như thể đã biết chất lượng. Lớp lục giác H3 "
        "chỉ hiện số liệu tổng hợp và ẩn ô có ít hơn {h3} lượt đo; vị trí của từng lượt đo không bao giờ "
        "được gửi tới trình duyệt.",
        "en": "On the quality map, a commune with fewer samples than it needs ({fixed} fixed, {mobile} mobile a "
        "month) is **grey** and reads “{label}”, never coloured as if its quality were known. The H3 hexagon "
        "layer shows aggregates only and hides cells with fewer than {h3} tests; no test's position ever "
        "reaches the browser.",
    },
    "rule_outside_title": {"vi": "Lượt đo «ngoài tỉnh»", "en": "Tests “outside the province”"},
    "rule_outside": {
        "vi": "Mỗi lượt đo được gán cho xã, phường có ranh giới chứa vị trí đo. Lượt đo nằm ngoài mọi ranh giới "
        "nhưng cách một xã không quá {snap} m (sát biên giới tỉnh, hoặc ở khe hở nhỏ giữa hai ranh giới) "
        "được gán cho xã gần nhất. Lượt đo **cách mọi xã hơn {snap} m** là «ngoài tỉnh»: vẫn được tính vào "
        "số lượt đo của người đo, nhưng không là mẫu của xã nào và không vào trung vị của tỉnh. Lượt đo "
        "không có vị trí được gán theo mã hoặc tên xã ghi trong tệp, nếu có.",
        "en": "Each test goes to the commune whose boundary holds its position. A test outside every boundary "
        "but no more than {snap} m from a commune (along the province border, or in a small gap between "
        "two boundaries) goes to the nearest commune. A test **farther than {snap} m from every commune** "
        "is “outside the province”: it still counts among its tester's tests, but is no commune's sample "
        "and is left out of the province's medians. A test without a position goes by the commune code or "
        "name written in the file, if any.",
    },
    "rule_duplicates_title": {"vi": "Lượt đo trùng", "en": "Duplicate tests"},
    "rule_duplicates": {
        "vi": "Một lượt đo có thể có mặt trong nhiều tệp xuất i-Speed. Mỗi lượt đo được nhận diện bằng thời điểm "
        "đo (đến từng giây) cùng với **mã lượt đo** trong tệp xuất nếu có; nếu tệp không có mã đó thì bằng "
        "**mã băm** của tài khoản (tài khoản i-Speed, số điện thoại, email, thiết bị, mã cán bộ), vị trí và "
        "tốc độ tải xuống, tải lên. Lượt đo trùng với lượt đã có chỉ được lưu một lần, nên nhập lại một "
        "tệp không làm tăng số liệu.",
        "en": "A test may appear in several i-Speed exports. Each test is recognised by its time (to the second) "
        "together with the **test id** in the export where there is one; without it, by a **hash** of the "
        "account (i-Speed account, phone, e-mail, device, staff id), the position and the download and "
        "upload speeds. A test that repeats one already stored is kept once, so importing a file again "
        "changes no figure.",
    },
    "rule_thresholds_title": {"vi": "Ngưỡng chất lượng", "en": "Quality thresholds"},
    "rule_thresholds": {
        "vi": "Xã có trung vị tải xuống dưới ngưỡng của loại mạng đang xem được đưa vào danh sách dưới ngưỡng, "
        "ghi «{clearly}» khi cả khoảng tin cậy 95% nằm dưới ngưỡng. Theo Quyết định 36/QĐ-TTg, tốc độ tải "
        "xuống 4G tối thiểu là {decision} Mbps; các ngưỡng khác do Sở quyết định. Ngưỡng đang áp dụng:",
        "en": "A commune whose median download is under the threshold of the network type viewed is listed as "
        "under it, and marked “{clearly}” when the whole 95% interval is under it. Decision 36/QĐ-TTg sets "
        "a 4G download of at least {decision} Mbps; the other thresholds are the department's choice. "
        "The thresholds in force:",
    },
    "rule_time_title": {"vi": "Giờ Việt Nam", "en": "Vietnam time"},
    "rule_time": {
        "vi": "Mọi thời điểm trên các trang và mọi ngày, tuần, tháng đều tính theo giờ Việt Nam (UTC+{offset}): "
        "một lượt đo ngay sau nửa đêm thuộc ngày mới theo giờ Việt Nam. Cơ sở dữ liệu lưu giờ quốc tế "
        "(UTC) và đổi sang giờ Việt Nam khi tính và khi hiển thị.",
        "en": "Every time on the pages, and every day, week and month, is in Vietnam time (UTC+{offset}): a test "
        "just after midnight belongs to the new day in Vietnam. The database stores UTC and converts to "
        "Vietnam time when it counts and when it shows.",
    },
}
